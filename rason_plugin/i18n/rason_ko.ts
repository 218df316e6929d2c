<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR" sourcelanguage="en_US">
<context>
    <name>RasonSEZ</name>
    <message>
        <source>Events</source>
        <translation>사건</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>항구</translation>
    </message>
    <message>
        <source>Rail stations and bridge</source>
        <translation>철도역 및 교량</translation>
    </message>
    <message>
        <source>Vessel tracks</source>
        <translation>선박 항적</translation>
    </message>
    <message>
        <source>Railway (schematic)</source>
        <translation>철도 (개략도)</translation>
    </message>
    <message>
        <source>Monitoring areas</source>
        <translation>모니터링 구역</translation>
    </message>
    <message>
        <source>SEZ boundary</source>
        <translation>경제특구 경계</translation>
    </message>
    <message>
        <source>{path} is inside the plugin folder, which plugin updates replace; choose a folder of your own (e.g. the project's folder)</source>
        <translation>{path}은(는) 플러그인 폴더 안에 있어 플러그인을 업데이트하면 교체됩니다. 직접 관리하는 폴더(예: 프로젝트 폴더)를 선택하십시오.</translation>
    </message>
    <message>
        <source>layer {name} of {path} is not valid; delete the file to get a fresh copy</source>
        <translation>{path}의 레이어 {name}이(가) 유효하지 않습니다. 새 사본을 받으려면 파일을 삭제하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT {path} exists and is not a file; choose another .zip name</source>
        <translation>OUTPUT {path}이(가) 이미 있으며 파일이 아닙니다. 다른 .zip 이름을 선택하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT {path} is an existing file; give a new folder name or a path ending in .zip</source>
        <translation>OUTPUT {path}은(는) 기존 파일입니다. 새 폴더 이름이나 .zip으로 끝나는 경로를 지정하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT folder {path} is not empty; choose a new or empty folder (nothing in it is overwritten)</source>
        <translation>OUTPUT 폴더 {path}이(가) 비어 있지 않습니다. 새 폴더나 빈 폴더를 선택하십시오(폴더 안의 어떤 것도 덮어쓰지 않습니다).</translation>
    </message>
    <message>
        <source>OUTPUT {path} cannot be written: {folder} is not a writable folder; choose a folder you can write to</source>
        <translation>OUTPUT {path}에 쓸 수 없습니다. {folder}은(는) 쓰기 가능한 폴더가 아닙니다. 쓰기 권한이 있는 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>layer '{layer}' ({kind}) could not be copied from the unsaved project; save the project and run again to include it</source>
        <translation>저장하지 않은 프로젝트에서 레이어 '{layer}'({kind})을(를) 복사할 수 없습니다. 이 레이어를 포함하려면 프로젝트를 저장한 뒤 다시 실행하십시오.</translation>
    </message>
    <message>
        <source>the open (unsaved) project could not be copied ({error})</source>
        <translation>열려 있는(저장하지 않은) 프로젝트를 복사할 수 없습니다({error})</translation>
    </message>
    <message>
        <source>PROJECT {path} does not exist; give the path of a .qgs or .qgz file</source>
        <translation>PROJECT {path}이(가) 없습니다. .qgs 또는 .qgz 파일의 경로를 지정하십시오.</translation>
    </message>
    <message>
        <source>PROJECT {path}</source>
        <translation>PROJECT 파일 {path}</translation>
    </message>
    <message>
        <source>the project file {path}</source>
        <translation>프로젝트 파일 {path}</translation>
    </message>
    <message>
        <source>the open project has unsaved changes; the package holds it as last saved to {path} (save the project and run again to include them)</source>
        <translation>열려 있는 프로젝트에 저장하지 않은 변경 사항이 있습니다. 패키지에는 {path}에 마지막으로 저장된 상태가 들어갑니다(변경 사항을 포함하려면 프로젝트를 저장한 뒤 다시 실행하십시오).</translation>
    </message>
    <message>
        <source>the copy of the open project</source>
        <translation>열려 있는 프로젝트의 사본</translation>
    </message>
    <message>
        <source>memory layer '{layer}' is empty (memory layers lose their features when their project is closed); packaged empty</source>
        <translation>메모리 레이어 '{layer}'이(가) 비어 있습니다(메모리 레이어는 프로젝트를 닫으면 피처를 잃습니다). 빈 레이어로 패키지합니다.</translation>
    </message>
    <message>
        <source>layer '{layer}' has unsaved edits; the saved data is packaged</source>
        <translation>레이어 '{layer}'에 저장하지 않은 편집 내용이 있습니다. 저장된 데이터를 패키지합니다.</translation>
    </message>
    <message>
        <source>{label} could not be read ({error}); open it in QGIS and save it again</source>
        <translation>{label}을(를) 읽을 수 없습니다({error}). QGIS에서 열어 다시 저장하십시오.</translation>
    </message>
    <message>
        <source>source not found or invalid: kept as it is</source>
        <translation>원본을 찾을 수 없거나 유효하지 않음: 그대로 유지</translation>
    </message>
    <message>
        <source>{provider} source is a database or service: kept as it is</source>
        <translation>{provider} 원본은 데이터베이스나 서비스임: 그대로 유지</translation>
    </message>
    <message>
        <source>memory layer '{layer}': the project file holds no features; packaged empty</source>
        <translation>메모리 레이어 '{layer}': 프로젝트 파일에 피처가 없습니다. 빈 레이어로 패키지합니다.</translation>
    </message>
    <message>
        <source>layer '{layer}': only the features matching its filter '{filter}' are packaged</source>
        <translation>레이어 '{layer}': 필터 '{filter}'에 맞는 피처만 패키지합니다.</translation>
    </message>
    <message>
        <source>layer '{layer}' could not be written to {gpkg}: {error}</source>
        <translation>레이어 '{layer}'을(를) {gpkg}에 쓸 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>layer '{layer}' did not open from {gpkg} after writing</source>
        <translation>레이어 '{layer}'을(를) 쓴 뒤 {gpkg}에서 열 수 없습니다.</translation>
    </message>
    <message>
        <source>layer '{layer}': style not stored in {gpkg} ({error}); it is still in the project</source>
        <translation>레이어 '{layer}': 스타일을 {gpkg}에 저장하지 못했습니다({error}). 스타일은 프로젝트에 그대로 있습니다.</translation>
    </message>
    <message>
        <source>{provider} source is a service or database: kept as it is</source>
        <translation>{provider} 원본은 서비스나 데이터베이스임: 그대로 유지</translation>
    </message>
    <message>
        <source>raster '{layer}' could not be written as GeoTIFF: {error}</source>
        <translation>래스터 '{layer}'을(를) GeoTIFF로 쓸 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>raster '{layer}' could not be written as GeoTIFF: {reason}</source>
        <translation>래스터 '{layer}'을(를) GeoTIFF로 쓸 수 없습니다: {reason}</translation>
    </message>
    <message>
        <source>GDAL gave no reason</source>
        <translation>GDAL이 원인을 알려 주지 않았습니다</translation>
    </message>
    <message>
        <source>raster '{layer}' did not open from {file} after writing</source>
        <translation>래스터 '{layer}'을(를) 쓴 뒤 {file}에서 열 수 없습니다.</translation>
    </message>
    <message>
        <source>warning: {text}</source>
        <translation>경고: {text}</translation>
    </message>
    <message>
        <source>the project has no layers; only the project file is packaged</source>
        <translation>프로젝트에 레이어가 없습니다. 프로젝트 파일만 패키지합니다.</translation>
    </message>
    <message>
        <source>this layer type is not packaged: kept as it is</source>
        <translation>패키지하지 않는 레이어 유형임: 그대로 유지</translation>
    </message>
    <message>
        <source>not packaged: '{layer}' ({reason})</source>
        <translation>패키지하지 않음: '{layer}' ({reason})</translation>
    </message>
    <message>
        <source>the packaged project could not be written ({error})</source>
        <translation>패키지한 프로젝트를 쓸 수 없습니다({error})</translation>
    </message>
    <message>
        <source>Rason SEZ</source>
        <translation>라선 경제특구</translation>
    </message>
    <message>
        <source>Choose the {what} field of the input layer.</source>
        <translation>입력 레이어의 {what} 필드를 선택하십시오.</translation>
    </message>
    <message>
        <source>The input layer has no field '{name}' for the {what}; choose one of: {names}.</source>
        <translation>입력 레이어에 {what}에 쓸 '{name}' 필드가 없습니다. 다음 중에서 선택하십시오: {names}.</translation>
    </message>
    <message>
        <source>time</source>
        <translation>시각</translation>
    </message>
    <message>
        <source>The input layer has no point geometry. Load a CSV as a point layer (Layer &gt; Add Delimited Text Layer with its lon/lat columns as X/Y) or run rason:importais first.</source>
        <translation>입력 레이어에 점 도형이 없습니다. CSV를 점 레이어로 불러오거나(레이어 &gt; 구분자로 분리된 텍스트 레이어 추가에서 경도/위도 열을 X/Y로 지정) 먼저 rason:importais를 실행하십시오.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>취소되었습니다.</translation>
    </message>
    <message>
        <source>The input layer has no features; choose a layer with AIS positions.</source>
        <translation>입력 레이어에 피처가 없습니다. AIS 위치가 있는 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>{rows} input rows, {kept} kept after cleaning.</source>
        <translation>입력 행 {rows}개 중 정제 후 {kept}개를 유지했습니다.</translation>
    </message>
    <message>
        <source>Skipped: {reason}</source>
        <translation>건너뜀: {reason}</translation>
    </message>
    <message>
        <source>The input was not in (MMSI, time) order; it was sorted.</source>
        <translation>입력이 (MMSI, 시각) 순서가 아니어서 정렬했습니다.</translation>
    </message>
    <message>
        <source>AIS positions</source>
        <translation>AIS 위치</translation>
    </message>
    <message>
        <source>MMSI field</source>
        <translation>MMSI 필드</translation>
    </message>
    <message>
        <source>Time field</source>
        <translation>시각 필드</translation>
    </message>
    <message>
        <source>Speed over ground field (optional)</source>
        <translation>대지속력(SOG) 필드 (선택 사항)</translation>
    </message>
    <message>
        <source>Vessel name field (optional)</source>
        <translation>선박명 필드 (선택 사항)</translation>
    </message>
    <message>
        <source>Choose a point layer of AIS positions for INPUT.</source>
        <translation>INPUT에 AIS 위치 점 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>Cannot write {path}: {error}. Choose another output file.</source>
        <translation>{path}에 쓸 수 없습니다: {error}. 다른 출력 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>Could not write a feature to {path}.</source>
        <translation>{path}에 피처를 쓸 수 없습니다.</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>차분</translation>
    </message>
    <message>
        <source>Log-ratio</source>
        <translation>로그 비</translation>
    </message>
    <message>
        <source>Automatic (chi-square for MAD/iMAD, EM otherwise)</source>
        <translation>자동 (MAD/iMAD는 카이제곱, 그 밖에는 EM)</translation>
    </message>
    <message>
        <source>Chi-square significance (MAD/iMAD)</source>
        <translation>카이제곱 유의성 (MAD/iMAD)</translation>
    </message>
    <message>
        <source>Two-class EM (Bayes)</source>
        <translation>2집단 EM (베이즈)</translation>
    </message>
    <message>
        <source>Manual value</source>
        <translation>수동 지정값</translation>
    </message>
    <message>
        <source>nearest</source>
        <translation>최근접 이웃</translation>
    </message>
    <message>
        <source>bilinear</source>
        <translation>쌍선형</translation>
    </message>
    <message>
        <source>cubic</source>
        <translation>3차 회선</translation>
    </message>
    <message>
        <source>average</source>
        <translation>평균</translation>
    </message>
    <message>
        <source>&lt;p&gt;Finds where the ground changed between a BEFORE and an AFTER scene (any GDAL raster: Sentinel-2, Landsat, Planet...), how much, and how significantly, with areas per monitoring zone.&lt;/p&gt;
&lt;h3&gt;Methods&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;iMAD&lt;/b&gt; (default): iteratively re-weighted Multivariate Alteration Detection (Nielsen 2007). MAD finds the linear combinations of the two band sets that are most correlated (canonical correlation) and takes their differences, the MAD variates; it is blind to any per-band gain and offset (season, sun, sensor calibration), so only real change stands out. iMAD repeats the analysis weighting each pixel by its probability of no change, so the change itself does not distort the statistics. The statistic is chi-square: sum over i of (MAD_i / sigma_i)^2.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;MAD&lt;/b&gt;: one pass of the above (Nielsen, Conradsen &amp;amp; Simpson 1998); the band counts may differ (as in Orfeo ToolBox). Canonical correlations equal OTB's.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;CVA&lt;/b&gt;: change vector analysis; the statistic is the length of the per-band difference vector; the variates output adds the direction (angle to the all-bands-brighter direction).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Difference&lt;/b&gt;: per-band AFTER - BEFORE; statistic = Euclidean norm of the differences.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Log-ratio&lt;/b&gt;: per-band ln(AFTER / BEFORE) (suits radar intensities); pixels with values &amp;lt;= 0 are nodata. CVA, Difference and Log-ratio need the same number of bands in both scenes and are sensitive to radiometric drift.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Parameters&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;BEFORE / AFTER&lt;/b&gt;: the two scenes, any GDAL raster (also /vsizip/, /vsicurl/ COGs, GPKG:..., NETCDF:..., VRTs). If their CRS, extent or resolution differ, AFTER is warped onto BEFORE's grid over the overlap (Resampling, advanced); a pixel whose warp drew on a nodata pixel is nodata; no overlap is an error.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Bands&lt;/b&gt;: optional band lists (default all bands but an alpha band, which only says which pixels are hidden), e.g. leave out a cirrus or QA band.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Threshold&lt;/b&gt;: how the change mask is cut from the statistic. &lt;i&gt;Automatic&lt;/i&gt; is the chi-square test for MAD/iMAD and EM otherwise: on synthetic pairs with known change and a per-band gain/offset drift, iMAD with the chi-square test at alpha 0.0001 gave F1 0.99-1.00 (Otsu 0.81-0.99, EM 0.95-0.97), and for CVA EM beat Otsu (F1 0.99-1.00 vs 0.96-1.00). &lt;i&gt;Chi-square significance&lt;/i&gt;: a pixel is change when the probability of its statistic under no change is below ALPHA (expected false-alarm rate). &lt;i&gt;Otsu&lt;/i&gt;: the histogram split with the largest between-class variance. &lt;i&gt;EM&lt;/i&gt;: a two-Gaussian mixture fitted by expectation-maximisation, cut where both classes are equally likely. &lt;i&gt;Manual&lt;/i&gt;: change where the statistic exceeds MANUAL_THRESHOLD.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: significance level of the chi-square test (default 0.0001).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Zones&lt;/b&gt;: optional polygons (e.g. the Rason monitoring areas); a field called "name" names each zone. Zone statistics give, per zone, the valid and changed area (m2 and %) and the number of change regions touching it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Minimum region area&lt;/b&gt; (m2): change regions smaller than this are left out of the polygons and of the region counts (the mask keeps every pixel).&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Outputs&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;Change mask&lt;/b&gt;: GeoTIFF, 1 change, 0 no change, 255 nodata (nodata in either scene, hidden by a GDAL mask or alpha band, or masked; never counted as change). CHANGED_AREA_M2 sums the changed pixels' areas (on the ellipsoid for a geographic CRS), as the polygons and zone statistics do.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Change statistic&lt;/b&gt;: float32, chi-square for MAD/iMAD, magnitude otherwise; nodata -1 (every statistic is &amp;gt;= 0).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Variates&lt;/b&gt; (optional): MAD variates plus the chi-square p-value band, or per-band differences / log-ratios (plus the CVA direction); nodata NaN, since variates take every real value.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Change polygons&lt;/b&gt; (optional): area_m2, mean_stat, zone.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Zone statistics&lt;/b&gt; (optional): one row per zone.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;Streams the scenes in strips: memory does not grow with the scene size. Note: iMAD's chi-square uses a consistency factor so unchanged pixels follow the chi-square law (see README).&lt;/p&gt;</source>
        <translation>&lt;p&gt;이전(BEFORE) 영상과 이후(AFTER) 영상(Sentinel-2, Landsat, Planet 등 GDAL로 읽을 수 있는 모든 래스터) 사이에서 지표가 어디에서, 얼마나, 얼마나 유의하게 변했는지 찾고, 모니터링 구역별 면적을 계산합니다.&lt;/p&gt;
&lt;h3&gt;방법&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;iMAD&lt;/b&gt; (기본값): 반복 재가중 다변량 변화 탐지(Multivariate Alteration Detection, Nielsen 2007). MAD는 두 밴드 집합의 선형 결합 가운데 상관이 가장 큰 것(정준상관)을 찾아 그 차이, 즉 MAD 변량을 구합니다. 밴드별 이득과 오프셋(계절, 태양, 센서 보정)의 차이에 영향을 받지 않으므로 실제 변화만 드러납니다. iMAD는 각 화소에 변화가 없을 확률로 가중치를 주어 분석을 반복하므로 변화 자체가 통계를 왜곡하지 않습니다. 통계량은 카이제곱으로, i에 대한 (MAD_i / sigma_i)^2의 합입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;MAD&lt;/b&gt;: 위 분석을 한 번만 수행합니다(Nielsen, Conradsen &amp;amp; Simpson 1998). 두 영상의 밴드 수가 달라도 됩니다(Orfeo ToolBox와 같음). 정준상관은 OTB의 결과와 같습니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;CVA&lt;/b&gt;: 변화 벡터 분석. 통계량은 밴드별 차이 벡터의 길이이며, 변량 출력에는 방향(모든 밴드가 밝아지는 방향과 이루는 각)이 더해집니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Difference&lt;/b&gt;(차분): 밴드별 AFTER - BEFORE. 통계량 = 차이의 유클리드 노름.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Log-ratio&lt;/b&gt;(로그 비): 밴드별 ln(AFTER / BEFORE)(레이더 강도 영상에 적합). 값이 &amp;lt;= 0인 화소는 nodata가 됩니다. CVA, 차분, 로그 비는 두 영상의 밴드 수가 같아야 하며 방사 특성의 변동에 민감합니다.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;매개변수&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;BEFORE / AFTER&lt;/b&gt;: 두 영상. GDAL로 읽을 수 있는 모든 래스터(/vsizip/, /vsicurl/ COG, GPKG:..., NETCDF:..., VRT도 가능). 좌표계, 범위 또는 해상도가 다르면 AFTER를 겹치는 영역에서 BEFORE의 격자로 재투영합니다(리샘플링, 고급 설정). 재투영할 때 nodata 화소를 참조한 화소는 nodata가 됩니다. 겹치는 영역이 없으면 오류입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;밴드&lt;/b&gt;: 선택 사항인 밴드 목록(기본값은 알파 밴드를 뺀 모든 밴드. 알파 밴드는 어느 화소가 가려졌는지만 나타냅니다). 예를 들어 권운(cirrus) 밴드나 QA 밴드를 뺄 수 있습니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;임계값&lt;/b&gt;: 통계량에서 변화 마스크를 나누는 방법. &lt;i&gt;자동&lt;/i&gt;은 MAD/iMAD에는 카이제곱 검정, 그 밖에는 EM을 씁니다. 변화를 알고 있고 밴드별 이득/오프셋 변동을 준 합성 영상 쌍에서 알파 0.0001의 카이제곱 검정을 쓴 iMAD는 F1 0.99-1.00(Otsu 0.81-0.99, EM 0.95-0.97)을 보였고, CVA에서는 EM이 Otsu보다 나았습니다(F1 0.99-1.00 대 0.96-1.00). &lt;i&gt;카이제곱 유의성&lt;/i&gt;: 변화가 없다는 가정에서 통계량이 나올 확률이 ALPHA(예상 오경보율)보다 작으면 변화 화소입니다. &lt;i&gt;Otsu&lt;/i&gt;: 집단 간 분산이 가장 큰 히스토그램 분할. &lt;i&gt;EM&lt;/i&gt;: 기댓값 최대화로 적합한 두 정규분포 혼합 모형을 두 집단의 가능성이 같아지는 곳에서 나눕니다. &lt;i&gt;수동&lt;/i&gt;: 통계량이 MANUAL_THRESHOLD를 넘는 곳이 변화입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: 카이제곱 검정의 유의수준(기본값 0.0001).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구역&lt;/b&gt;: 선택 사항인 폴리곤(예: 라선 모니터링 구역). "name"이라는 필드가 있으면 그 값이 구역의 이름이 됩니다. 구역 통계는 구역마다 유효 면적과 변화 면적(m2 및 %), 그리고 그 구역에 닿는 변화 영역의 수를 제공합니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;최소 영역 면적&lt;/b&gt; (m2): 이보다 작은 변화 영역은 폴리곤과 영역 수에서 빠집니다(마스크에는 모든 화소가 남습니다).&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;출력&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;변화 마스크&lt;/b&gt;: GeoTIFF. 1은 변화, 0은 변화 없음, 255는 nodata(어느 한 영상에서 nodata이거나, GDAL 마스크나 알파 밴드로 가려졌거나, 마스크된 화소이며, 변화로 세지 않습니다). CHANGED_AREA_M2는 폴리곤과 구역 통계와 마찬가지로 변화 화소의 면적(지리 좌표계에서는 타원체 위의 면적)을 합한 값입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;변화 통계량&lt;/b&gt;: float32. MAD/iMAD는 카이제곱, 그 밖에는 크기. nodata는 -1(모든 통계량은 &amp;gt;= 0).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;변량&lt;/b&gt; (선택 사항): MAD 변량과 카이제곱 p-값 밴드, 또는 밴드별 차이 / 로그 비(CVA는 방향 추가). 변량은 모든 실수값을 가질 수 있으므로 nodata는 NaN입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;변화 폴리곤&lt;/b&gt; (선택 사항): area_m2, mean_stat, zone.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구역 통계&lt;/b&gt; (선택 사항): 구역마다 한 행.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;영상을 띠(strip) 단위로 스트리밍하므로 영상이 커져도 메모리 사용량이 늘지 않습니다. 참고: iMAD의 카이제곱은 변화 없는 화소가 카이제곱 분포를 따르도록 일치성 계수를 사용합니다(README 참조).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>could not stretch the colour ramp: {error}</source>
        <translation>색상표를 늘일 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Change detection</source>
        <translation>변화 탐지</translation>
    </message>
    <message>
        <source>Imagery</source>
        <translation>영상</translation>
    </message>
    <message>
        <source>Change detection…</source>
        <translation>변화 탐지…</translation>
    </message>
    <message>
        <source>Before scene</source>
        <translation>이전 영상</translation>
    </message>
    <message>
        <source>After scene</source>
        <translation>이후 영상</translation>
    </message>
    <message>
        <source>Bands of the before scene (default all)</source>
        <translation>이전 영상의 밴드 (기본값: 모든 밴드)</translation>
    </message>
    <message>
        <source>Bands of the after scene (default all)</source>
        <translation>이후 영상의 밴드 (기본값: 모든 밴드)</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>방법</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>임계값</translation>
    </message>
    <message>
        <source>Significance level ALPHA (chi-square threshold)</source>
        <translation>유의수준 ALPHA (카이제곱 임계값)</translation>
    </message>
    <message>
        <source>Manual threshold on the change statistic</source>
        <translation>변화 통계량의 수동 임계값</translation>
    </message>
    <message>
        <source>Zones (e.g. monitoring areas)</source>
        <translation>구역 (예: 모니터링 구역)</translation>
    </message>
    <message>
        <source>Minimum change region area (m²)</source>
        <translation>최소 변화 영역 면적 (m²)</translation>
    </message>
    <message>
        <source>Resampling when AFTER is warped onto BEFORE's grid</source>
        <translation>AFTER를 BEFORE의 격자로 재투영할 때의 리샘플링</translation>
    </message>
    <message>
        <source>iMAD: maximum iterations</source>
        <translation>iMAD: 최대 반복 횟수</translation>
    </message>
    <message>
        <source>MAD/iMAD: regularisation (0 = none, &lt; 1)</source>
        <translation>MAD/iMAD: 정규화 (0 = 없음, &lt; 1)</translation>
    </message>
    <message>
        <source>Change mask</source>
        <translation>변화 마스크</translation>
    </message>
    <message>
        <source>Change statistic</source>
        <translation>변화 통계량</translation>
    </message>
    <message>
        <source>Variates (MAD variates / band differences)</source>
        <translation>변량 (MAD 변량 / 밴드 차이)</translation>
    </message>
    <message>
        <source>Change polygons</source>
        <translation>변화 폴리곤</translation>
    </message>
    <message>
        <source>Zone change statistics</source>
        <translation>구역별 변화 통계</translation>
    </message>
    <message>
        <source>{label}: the raster layer or file could not be opened; choose an existing raster</source>
        <translation>{label}: 래스터 레이어나 파일을 열 수 없습니다. 존재하는 래스터를 선택하십시오.</translation>
    </message>
    <message>
        <source>{label}: '{layer}' is a {provider} layer; change detection reads files through GDAL, save it as a GeoTIFF first (Export &gt; Save As)</source>
        <translation>{label}: '{layer}'은(는) {provider} 레이어입니다. 변화 탐지는 GDAL로 파일을 읽으므로 먼저 GeoTIFF로 저장하십시오(내보내기 &gt; 다른 이름으로 저장).</translation>
    </message>
    <message>
        <source>OUTPUT_ZONE_STATS needs ZONES: choose a polygon layer of zones, or skip that output</source>
        <translation>OUTPUT_ZONE_STATS에는 ZONES가 필요합니다. 구역 폴리곤 레이어를 선택하거나 이 출력을 생략하십시오.</translation>
    </message>
    <message>
        <source>Change detection was cancelled; no output was written</source>
        <translation>변화 탐지가 취소되었습니다. 출력은 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Method {method}, threshold {threshold} = {value:.6g}; {changed} of {valid} valid pixels changed ({percent:.3f} %)</source>
        <translation>방법 {method}, 임계값 {threshold} = {value:.6g}. 유효 화소 {valid}개 중 {changed}개가 변화했습니다({percent:.3f} %).</translation>
    </message>
    <message>
        <source>Canonical correlations (ascending): </source>
        <translation>정준상관 (오름차순): </translation>
    </message>
    <message>
        <source>; iMAD iterations {iterations}, converged {converged}</source>
        <translation>; iMAD 반복 {iterations}회, 수렴 {converged}</translation>
    </message>
    <message>
        <source>iMAD did not converge within the iteration cap; raise MAX_ITERATIONS (advanced) or use the result with care</source>
        <translation>iMAD가 반복 한도 안에 수렴하지 않았습니다. MAX_ITERATIONS(고급 설정)를 늘리거나 결과를 신중하게 사용하십시오.</translation>
    </message>
    <message>
        <source>Change variates</source>
        <translation>변화 변량</translation>
    </message>
    <message>
        <source>OUTPUT_POLYGONS: the output could not be created; choose another file</source>
        <translation>OUTPUT_POLYGONS: 출력을 만들 수 없습니다. 다른 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT_ZONE_STATS: the output could not be created; choose another file</source>
        <translation>OUTPUT_ZONE_STATS: 출력을 만들 수 없습니다. 다른 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>Import AIS NMEA log</source>
        <translation>AIS NMEA 로그 가져오기</translation>
    </message>
    <message>
        <source>Vessels (AIS)</source>
        <translation>선박 (AIS)</translation>
    </message>
    <message>
        <source>Import AIS NMEA log…</source>
        <translation>AIS NMEA 로그 가져오기…</translation>
    </message>
    <message>
        <source>Reads a raw AIS receiver log (NMEA !AIVDM/!AIVDO sentences) line by line and writes one point per position report (message types 1, 2, 3, 18, 19, 27) with MMSI, receive time, SOG, COG, heading, navigational status and message type, joined with the vessel's static data from type 5, 19 and 24 messages (name, IMO, call sign, ship type, length, width, destination).&lt;br&gt;&lt;br&gt;Receive times come from a leading 'YYYY-MM-DD HH:MM:SS,' prefix, an NMEA 4.10 tag block (\c:epoch*hh\, its checksum verified), or leading or trailing digits (epoch seconds: 9-10 digits, milliseconds: 12-13, YYYYmmddHHMMSS; a line counter is no time). AIS messages carry no date, so a log without any of these gives positions without a time: the log says so and the time field stays empty.&lt;br&gt;&lt;br&gt;Multipart messages are reassembled per source station (tag block s:). Lines that are not AIS, fail their checksum (or their tag block's), have an empty payload or cannot be decoded, and positions marked 'not available' (lat 91, lon 181), are counted and reported, never fatal. Big logs are streamed, never loaded.&lt;br&gt;Needs the pyais library; if it is missing the error gives the install command.</source>
        <translation>AIS 수신기의 원시 로그(NMEA !AIVDM/!AIVDO 문장)를 한 줄씩 읽어 위치 보고(메시지 유형 1, 2, 3, 18, 19, 27)마다 점 하나를 씁니다. 각 점에는 MMSI, 수신 시각, 대지속력(SOG), 대지침로(COG), 선수 방위, 항행 상태, 메시지 유형이 들어가며, 유형 5, 19, 24 메시지의 선박 정적 정보(선박명, IMO, 호출부호, 선종, 길이, 폭, 목적지)가 결합됩니다.&lt;br&gt;&lt;br&gt;수신 시각은 줄 앞의 'YYYY-MM-DD HH:MM:SS,' 접두어, NMEA 4.10 태그 블록(\c:epoch*hh\, 체크섬 검증), 또는 줄 앞이나 뒤의 숫자(에포크 초: 9-10자리, 밀리초: 12-13자리, YYYYmmddHHMMSS. 줄 번호 카운터는 시각으로 보지 않습니다)에서 읽습니다. AIS 메시지에는 날짜가 없으므로 이 가운데 아무것도 없는 로그에서는 시각 없는 위치가 나옵니다. 이 경우 로그에 그렇게 알리고 시각 필드는 비워 둡니다.&lt;br&gt;&lt;br&gt;여러 부분으로 나뉜 메시지는 송신국(태그 블록 s:)별로 다시 조립합니다. AIS가 아닌 줄, 체크섬(또는 태그 블록의 체크섬)이 틀린 줄, 페이로드가 비었거나 해독할 수 없는 줄, 그리고 '사용 불가'로 표시된 위치(위도 91, 경도 181)는 세어서 보고하며, 실행을 멈추게 하지는 않습니다. 큰 로그도 메모리에 한꺼번에 올리지 않고 스트리밍합니다.&lt;br&gt;pyais 라이브러리가 필요합니다. 없으면 오류 메시지에 설치 명령이 나옵니다.</translation>
    </message>
    <message>
        <source>AIS NMEA log</source>
        <translation>AIS NMEA 로그</translation>
    </message>
    <message>
        <source>NMEA logs (*.nmea *.log *.txt *.ais);;All files (*.*)</source>
        <translation>NMEA 로그 (*.nmea *.log *.txt *.ais);;모든 파일 (*.*)</translation>
    </message>
    <message>
        <source>Position reports decoded</source>
        <translation>해독한 위치 보고 수</translation>
    </message>
    <message>
        <source>Positions written</source>
        <translation>기록한 위치 수</translation>
    </message>
    <message>
        <source>Vessels (MMSI)</source>
        <translation>선박 수 (MMSI)</translation>
    </message>
    <message>
        <source>The log carries receive times</source>
        <translation>로그에 수신 시각이 있음</translation>
    </message>
    <message>
        <source>Skipped, by reason</source>
        <translation>건너뛴 항목 (사유별)</translation>
    </message>
    <message>
        <source>Choose an AIS NMEA log file for INPUT.</source>
        <translation>INPUT에 AIS NMEA 로그 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>{path} is not an AIS NMEA log ({error}). INPUT must hold !AIVDM/!AIVDO sentences; for CSV positions use rason:vesseltracks directly.</source>
        <translation>{path}은(는) AIS NMEA 로그가 아닙니다({error}). INPUT에는 !AIVDM/!AIVDO 문장이 있어야 합니다. CSV 위치 자료는 바로 rason:vesseltracks를 사용하십시오.</translation>
    </message>
    <message>
        <source>Cannot read {path}: {error}.</source>
        <translation>{path}을(를) 읽을 수 없습니다: {error}.</translation>
    </message>
    <message>
        <source>Cancelled: no output was written.</source>
        <translation>취소되었습니다. 출력은 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>{lines} lines, {sentences} AIS sentences, {messages} messages; {found} position reports, {written} written for {vessels} vessels; {static} vessels with static data.</source>
        <translation>{lines}줄, AIS 문장 {sentences}개, 메시지 {messages}개. 위치 보고 {found}개 중 {written}개를 선박 {vessels}척에 대해 기록했습니다. 정적 정보가 있는 선박은 {static}척입니다.</translation>
    </message>
    <message>
        <source>This log carries no receive timestamps (no time prefix or tag block): AIS position messages hold only the second of the minute, so the 'time' field is empty and these positions cannot be made into tracks or port calls.</source>
        <translation>이 로그에는 수신 시각이 없습니다(시각 접두어나 태그 블록이 없음). AIS 위치 메시지에는 분 안의 초만 들어 있으므로 'time' 필드가 비어 있으며, 이 위치로는 선박 항적이나 입항 기록을 만들 수 없습니다.</translation>
    </message>
    <message>
        <source>{count} positions have no receive time; their 'time' field is empty.</source>
        <translation>위치 {count}개에 수신 시각이 없습니다. 이 위치의 'time' 필드는 비어 있습니다.</translation>
    </message>
    <message>
        <source>Package project for sharing</source>
        <translation>공유용 프로젝트 패키지 만들기</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>프로젝트</translation>
    </message>
    <message>
        <source>Package project for sharing…</source>
        <translation>공유용 프로젝트 패키지 만들기…</translation>
    </message>
    <message>
        <source>Writes the current project (or the .qgs/.qgz given as PROJECT) and the data of every layer it uses into one folder or zip that a colleague can open anywhere:
- vector layers, including memory (temporary) layers, go into one GeoPackage, layers.gpkg, a table per layer, with their style stored as the table's default style and their metadata;
- rasters are written as GeoTIFFs in rasters/ (values, nodata and metadata kept);
- the project is saved as &lt;name&gt;.qgz with relative paths; groups, layer order, visibility, styles, layer metadata and temporal settings come along.
Layers from databases or web services (PostGIS, WMS/WMTS/XYZ tiles, WFS...) and layers whose source is missing are kept as they are and listed in the log, in NOT_PACKAGED and in package_report.txt.

OUTPUT: a path ending in .zip gives a zip holding one folder; any other path (type it in the box) is a folder, which must be new or empty (nothing in an existing folder is overwritten). An existing zip is replaced only once the new one is complete. A cancelled or failed run leaves nothing.

Your open project and its files are never changed: the work is done on a copy. A saved project is packaged as last saved, so save unsaved changes and edits of file layers first (the log warns about them); memory layers are packaged as they are.</source>
        <translation>현재 프로젝트(또는 PROJECT로 지정한 .qgs/.qgz)와 그 프로젝트가 쓰는 모든 레이어의 데이터를 동료가 어디에서나 열 수 있는 폴더나 zip 하나에 씁니다.
- 메모리(임시) 레이어를 포함한 벡터 레이어는 GeoPackage 하나(layers.gpkg)에 레이어마다 테이블 하나로 들어가며, 스타일은 테이블의 기본 스타일로, 메타데이터와 함께 저장됩니다.
- 래스터는 rasters/ 폴더에 GeoTIFF로 씁니다(값, nodata, 메타데이터 유지).
- 프로젝트는 상대 경로로 &lt;name&gt;.qgz에 저장되며, 그룹, 레이어 순서, 표시 여부, 스타일, 레이어 메타데이터, 시간 설정이 함께 옮겨집니다.
데이터베이스나 웹 서비스(PostGIS, WMS/WMTS/XYZ 타일, WFS 등)의 레이어와 원본이 없는 레이어는 그대로 두고 로그, NOT_PACKAGED, package_report.txt에 기록합니다.

OUTPUT: .zip으로 끝나는 경로는 폴더 하나를 담은 zip이 되고, 그 밖의 경로(입력란에 직접 입력)는 폴더가 되며, 이 폴더는 새 폴더이거나 비어 있어야 합니다(기존 폴더의 어떤 것도 덮어쓰지 않습니다). 기존 zip은 새 zip이 완성된 뒤에야 교체됩니다. 취소되거나 실패한 실행은 아무것도 남기지 않습니다.

열려 있는 프로젝트와 그 파일은 바뀌지 않습니다. 모든 작업은 사본에서 이루어집니다. 저장된 프로젝트는 마지막으로 저장된 상태로 패키지되므로, 저장하지 않은 변경 사항과 파일 레이어의 편집 내용은 먼저 저장하십시오(로그에 경고가 나옵니다). 메모리 레이어는 현재 상태 그대로 패키지됩니다.</translation>
    </message>
    <message>
        <source>Project to package (empty: the current project)</source>
        <translation>패키지할 프로젝트 (비우면 현재 프로젝트)</translation>
    </message>
    <message>
        <source>QGIS projects (*.qgz *.qgs *.QGZ *.QGS)</source>
        <translation>QGIS 프로젝트 (*.qgz *.qgs *.QGZ *.QGS)</translation>
    </message>
    <message>
        <source>Package (.zip, or a new folder)</source>
        <translation>패키지 (.zip 또는 새 폴더)</translation>
    </message>
    <message>
        <source>Zip archive (*.zip)</source>
        <translation>Zip 압축 파일 (*.zip)</translation>
    </message>
    <message>
        <source>Number of layers packaged</source>
        <translation>패키지한 레이어 수</translation>
    </message>
    <message>
        <source>Layers kept as they are (databases, web services), one per line</source>
        <translation>그대로 둔 레이어(데이터베이스, 웹 서비스), 한 줄에 하나</translation>
    </message>
    <message>
        <source>Path of the project file inside the package</source>
        <translation>패키지 안의 프로젝트 파일 경로</translation>
    </message>
    <message>
        <source>OUTPUT is empty: give a .zip path or a new folder</source>
        <translation>OUTPUT이 비어 있습니다. .zip 경로나 새 폴더를 지정하십시오.</translation>
    </message>
    <message>
        <source>PROJECT {path} is not a .qgs or .qgz file; give a QGIS project file</source>
        <translation>PROJECT {path}은(는) .qgs 또는 .qgz 파일이 아닙니다. QGIS 프로젝트 파일을 지정하십시오.</translation>
    </message>
    <message>
        <source>There is no open project to package: open one, or give its file as PROJECT</source>
        <translation>패키지할 열린 프로젝트가 없습니다. 프로젝트를 열거나 PROJECT에 그 파일을 지정하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT {path} could not be prepared ({error}); choose a writable folder with space</source>
        <translation>OUTPUT {path}을(를) 준비할 수 없습니다({error}). 쓰기 권한과 여유 공간이 있는 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written</source>
        <translation>취소되었습니다. 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>OUTPUT {path} could not be written ({error}); choose a writable folder with space</source>
        <translation>OUTPUT {path}에 쓸 수 없습니다({error}). 공간이 있는 쓰기 가능한 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>packaged: {layer}</source>
        <translation>패키지함: {layer}</translation>
    </message>
    <message>
        <source>Wrote {path} ({packaged} layers packaged, {kept} kept)</source>
        <translation>{path}에 썼습니다(레이어 {packaged}개 패키지, {kept}개 유지).</translation>
    </message>
    <message>
        <source>The plugin's reference GeoPackage {path} is missing, so there are no default port areas. Reinstall the plugin, or choose a polygon layer for PORTS.</source>
        <translation>플러그인의 참조 GeoPackage {path}이(가) 없어 기본 항만 구역이 없습니다. 플러그인을 다시 설치하거나 PORTS에 폴리곤 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>{path} has no readable 'monitoring_areas' layer. Reinstall the plugin, or choose a polygon layer for PORTS.</source>
        <translation>{path}에 읽을 수 있는 'monitoring_areas' 레이어가 없습니다. 플러그인을 다시 설치하거나 PORTS에 폴리곤 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>PORTS must be a polygon layer of port areas.</source>
        <translation>PORTS는 항만 구역 폴리곤 레이어여야 합니다.</translation>
    </message>
    <message>
        <source>PORTS holds no polygon; choose a layer of port areas.</source>
        <translation>PORTS에 폴리곤이 없습니다. 항만 구역 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>{count} port areas: {names}</source>
        <translation>항만 구역 {count}개: {names}</translation>
    </message>
    <message>
        <source>Port calls from AIS positions</source>
        <translation>AIS 위치로 입항 기록 만들기</translation>
    </message>
    <message>
        <source>Port calls from AIS positions…</source>
        <translation>AIS 위치로 입항 기록 만들기…</translation>
    </message>
    <message>
        <source>Finds port calls in AIS positions: one row per call with mmsi, vessel name, port, arrival, departure (UTC), dwell hours, minimum SOG and the number of positions.&lt;br&gt;&lt;br&gt;Entry and exit use hysteresis: a vessel arrives at its first report within ENTRY_DISTANCE metres of a port polygon (0 = inside it) and the call lasts while its reports stay within the larger EXIT_DISTANCE; departure is the last report inside EXIT_DISTANCE. A call ends only when the vessel stays out: two reports in a row beyond EXIT_DISTANCE, or no further report; one stray fix beyond it does not split a call. AIS silence inside the port does not split a call unless it lasts longer than MAX_SILENCE hours. Distances use a local equirectangular projection around each port, accurate to well under a metre at port scale.&lt;br&gt;&lt;br&gt;PORTS defaults to the plugin's port monitoring areas (Rajin and Sonbong, approximate). Features sharing a name are one port, overlaps included. OUTPUT_SUMMARY gets, per port and per ISO week (starting Monday) and calendar month of arrival: calls, distinct vessels and total dwell hours.</source>
        <translation>AIS 위치에서 입항 기록을 찾습니다. 입항마다 한 행이며 mmsi, 선박명, 항구, 입항·출항 시각(UTC), 체류 시간(시간), 최소 대지속력(SOG), 위치 수가 들어갑니다.&lt;br&gt;&lt;br&gt;입항과 출항은 이력 현상(히스테리시스)을 이용합니다. 선박은 항만 폴리곤에서 ENTRY_DISTANCE 미터 안(0 = 폴리곤 안)에 든 첫 보고 시점에 입항하고, 보고가 더 넓은 EXIT_DISTANCE 안에 있는 동안 입항이 이어집니다. 출항 시각은 EXIT_DISTANCE 안의 마지막 보고입니다. 입항은 선박이 밖에 머물러야만 끝납니다. 즉 EXIT_DISTANCE 밖의 보고가 두 번 연달아 나오거나 더 이상 보고가 없을 때입니다. EXIT_DISTANCE 밖으로 벗어난 위치 하나로는 입항 기록이 나뉘지 않습니다. 항구 안에서 AIS 신호가 끊겨도 MAX_SILENCE 시간보다 길지 않으면 입항 기록이 나뉘지 않습니다. 거리는 항구마다 그 주변의 국지 등장방형 투영으로 계산하며, 항만 규모에서 오차는 1미터보다 훨씬 작습니다.&lt;br&gt;&lt;br&gt;PORTS의 기본값은 플러그인의 항만 모니터링 구역(라진항과 선봉항, 대략적)입니다. 이름이 같은 피처는 서로 겹치는 것까지 포함해 하나의 항구로 봅니다. OUTPUT_SUMMARY에는 항구별, 입항한 ISO 주(월요일 시작)와 달력상 월별로 입항 횟수, 서로 다른 선박 수, 총 체류 시간이 들어갑니다.</translation>
    </message>
    <message>
        <source>Port areas (default: the plugin's port monitoring areas)</source>
        <translation>항만 구역 (기본값: 플러그인의 항만 모니터링 구역)</translation>
    </message>
    <message>
        <source>Port name field</source>
        <translation>항구 이름 필드</translation>
    </message>
    <message>
        <source>Entry distance from the port area (m)</source>
        <translation>항만 구역에서의 입항 거리 (m)</translation>
    </message>
    <message>
        <source>Exit distance from the port area (m)</source>
        <translation>항만 구역에서의 출항 거리 (m)</translation>
    </message>
    <message>
        <source>Longest AIS silence inside a call (hours)</source>
        <translation>입항 중 가장 긴 AIS 신호 공백 (시간)</translation>
    </message>
    <message>
        <source>Port calls</source>
        <translation>입항 기록</translation>
    </message>
    <message>
        <source>Port call summary (weekly/monthly)</source>
        <translation>입항 기록 요약 (주별/월별)</translation>
    </message>
    <message>
        <source>EXIT_DISTANCE ({exit:g} m) must be at least ENTRY_DISTANCE ({entry:g} m): the exit ring is the wider one.</source>
        <translation>EXIT_DISTANCE({exit:g} m)는 ENTRY_DISTANCE({entry:g} m) 이상이어야 합니다. 출항 경계가 더 넓은 쪽입니다.</translation>
    </message>
    <message>
        <source>{count} port calls.</source>
        <translation>입항 기록 {count}건.</translation>
    </message>
    <message>
        <source>Could not read the model {path}</source>
        <translation>모델 {path}을(를) 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Rason SEZ Monitor</source>
        <translation>라선 경제특구 모니터</translation>
    </message>
    <message>
        <source>Add reference layers</source>
        <translation>참조 레이어 추가</translation>
    </message>
    <message>
        <source>Reference layers</source>
        <translation>참조 레이어</translation>
    </message>
    <message>
        <source>Add reference layers…</source>
        <translation>참조 레이어 추가…</translation>
    </message>
    <message>
        <source>Copies the Rason SEZ reference GeoPackage (SEZ boundary, Rajin and Sonbong ports, monitoring areas, the schematic Khasan–Rajin railway and its stations, dated events, an empty vessel-tracks layer; each with its metadata, licence and default style inside) to OUTPUT and, with LOAD, adds its layers to a "Rason SEZ" group of the current project.

OUTPUT defaults to rason_reference.gpkg in the saved project's folder (so the project and its data travel together with relative paths), or to Documents/Rason SEZ for an unsaved project. An existing GeoPackage there is never overwritten: an unchanged copy is reused; an edited reference GeoPackage is kept and reused (your edits stay), or, with FRESH_COPY, the shipped edition is written beside it as rason_reference_2.gpkg. Layers already in the project from the same file are reused, not added twice.

Credits: boundary © OpenStreetMap contributors; geoBoundaries (ODbL 1.0); ports: NGA World Port Index (public domain); stations: Wikipedia coordinates; events: Reuters, November 2023.</source>
        <translation>라선 경제특구 참조 GeoPackage(경제특구 경계, 라진항과 선봉항, 모니터링 구역, 하산–라진 철도 개략도와 그 역, 날짜가 있는 사건, 빈 선박 항적 레이어. 각각 메타데이터, 라이선스, 기본 스타일을 포함)를 OUTPUT에 복사하고, LOAD를 켜면 그 레이어를 현재 프로젝트의 "Rason SEZ" 그룹에 추가합니다.

OUTPUT의 기본값은 저장된 프로젝트 폴더의 rason_reference.gpkg이며(프로젝트와 데이터가 상대 경로로 함께 옮겨지도록), 저장하지 않은 프로젝트라면 Documents/Rason SEZ입니다. 그 위치에 이미 있는 GeoPackage는 덮어쓰지 않습니다. 바뀌지 않은 사본은 다시 사용하고, 편집된 참조 GeoPackage는 그대로 두고 다시 사용하며(편집 내용 유지), FRESH_COPY를 켜면 배포판을 그 옆에 rason_reference_2.gpkg로 씁니다. 같은 파일에서 이미 프로젝트에 들어와 있는 레이어는 다시 사용하며 두 번 추가하지 않습니다.

출처: 경계 © OpenStreetMap 기여자; geoBoundaries (ODbL 1.0); 항구: NGA World Port Index (퍼블릭 도메인); 역: Wikipedia 좌표; 사건: Reuters, 2023년 11월.</translation>
    </message>
    <message>
        <source>Reference GeoPackage</source>
        <translation>참조 GeoPackage</translation>
    </message>
    <message>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage 파일 (*.gpkg)</translation>
    </message>
    <message>
        <source>Add the layers to the current project ("Rason SEZ" group)</source>
        <translation>현재 프로젝트에 레이어 추가 ("Rason SEZ" 그룹)</translation>
    </message>
    <message>
        <source>If the GeoPackage exists and was edited, write the shipped edition beside it (rason_reference_2.gpkg) instead of reusing it</source>
        <translation>GeoPackage가 이미 있고 편집되었으면 다시 사용하는 대신 배포판을 그 옆에 씀 (rason_reference_2.gpkg)</translation>
    </message>
    <message>
        <source>What was done: copied, reused, kept_edited or versioned</source>
        <translation>수행한 작업: copied(복사), reused(재사용), kept_edited(편집본 유지), versioned(새 버전)</translation>
    </message>
    <message>
        <source>Layer ids loaded (comma-separated)</source>
        <translation>불러온 레이어 ID (쉼표로 구분)</translation>
    </message>
    <message>
        <source>The shipped reference GeoPackage is missing ({path}); reinstall the plugin or run scripts/build_reference_gpkg.py in the repository</source>
        <translation>배포된 참조 GeoPackage가 없습니다({path}). 플러그인을 다시 설치하거나 저장소에서 scripts/build_reference_gpkg.py를 실행하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT: {error}</source>
        <translation>OUTPUT 오류: {error}</translation>
    </message>
    <message>
        <source>OUTPUT: cannot write {path} ({error}); choose a writable folder</source>
        <translation>OUTPUT: {path}에 쓸 수 없습니다({error}). 쓰기 가능한 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>Copied the reference GeoPackage to {gpkg}</source>
        <translation>참조 GeoPackage를 {gpkg}에 복사했습니다</translation>
    </message>
    <message>
        <source>Reusing {gpkg}: it is identical to the shipped edition</source>
        <translation>{gpkg}을(를) 다시 사용합니다. 배포판과 같습니다.</translation>
    </message>
    <message>
        <source>Kept {gpkg}: it differs from the shipped edition (edited or older), so it was not overwritten; its layers are used. Set FRESH_COPY for the shipped edition beside it.</source>
        <translation>{gpkg}을(를) 유지했습니다. 배포판과 달라서(편집되었거나 이전 판) 덮어쓰지 않았으며, 그 레이어를 사용합니다. 배포판을 그 옆에 받으려면 FRESH_COPY를 켜십시오.</translation>
    </message>
    <message>
        <source>{target} exists and was not overwritten; the shipped edition is at {gpkg}</source>
        <translation>{target}이(가) 이미 있어 덮어쓰지 않았습니다. 배포판은 {gpkg}에 있습니다.</translation>
    </message>
    <message>
        <source>The project stores absolute paths (Project Properties → General → Save paths): set it to relative so the project and GeoPackage can move together.</source>
        <translation>프로젝트가 절대 경로를 저장합니다(프로젝트 속성 → 일반 → 경로 저장). 프로젝트와 GeoPackage를 함께 옮길 수 있도록 상대 경로로 바꾸십시오.</translation>
    </message>
    <message>
        <source>Loaded {count} layers ({names}) into the "Rason SEZ" group</source>
        <translation>레이어 {count}개({names})를 "Rason SEZ" 그룹에 불러왔습니다</translation>
    </message>
    <message>
        <source>Refresh reference layers from OpenStreetMap</source>
        <translation>OpenStreetMap에서 참조 레이어 갱신</translation>
    </message>
    <message>
        <source>Refresh from OpenStreetMap…</source>
        <translation>OpenStreetMap에서 갱신…</translation>
    </message>
    <message>
        <source>Queries the Overpass API for the Rason boundary relation (ISO3166-2=KP-13), the railway lines and stations inside it and its port features (harbour, landuse/industrial=port), writes them to a GeoPackage (layers sez_boundary, railway, rail_stations, ports, and the table osm_changes) and reports what changed against the shipped reference layers, or against COMPARE_WITH (e.g. an earlier refresh): features added, removed, and moved with their distance in metres (Hausdorff distance; features are matched by OSM id when both sides have one, otherwise to the nearest feature within a few km, which for the schematic shipped railway is crude).

URL is asked first, FALLBACK_URL if URL fails (HTTP error, timeout, malformed or empty answer). TIMEOUT (seconds) bounds each request. On any failure the existing OUTPUT is left untouched.

Data © OpenStreetMap contributors, under the Open Database License (ODbL) 1.0: keep the attribution (stored in each layer's metadata) wherever you show or share the layers.</source>
        <translation>Overpass API에 라선 경계 관계(ISO3166-2=KP-13), 그 안의 철도 노선과 역, 항만 피처(harbour, landuse/industrial=port)를 질의하여 GeoPackage(레이어 sez_boundary, railway, rail_stations, ports와 테이블 osm_changes)에 쓰고, 배포된 참조 레이어 또는 COMPARE_WITH(예: 이전 갱신 결과)와 비교해 바뀐 점을 보고합니다. 추가, 삭제, 그리고 이동된 피처와 그 이동 거리(미터)를 보고합니다(하우스도르프 거리. 양쪽에 OSM id가 있으면 id로, 없으면 몇 km 안의 가장 가까운 피처와 짝지으며, 배포된 철도 개략도에서는 대략적입니다).

먼저 URL에 질의하고, URL이 실패하면(HTTP 오류, 시간 초과, 잘못되었거나 빈 응답) FALLBACK_URL에 질의합니다. TIMEOUT(초)은 요청마다의 제한 시간입니다. 어떤 실패에서도 기존 OUTPUT은 건드리지 않습니다.

데이터 © OpenStreetMap 기여자, Open Database License(ODbL) 1.0. 레이어를 보여주거나 공유할 때는 언제나 저작자 표시(각 레이어의 메타데이터에 저장됨)를 유지하십시오.</translation>
    </message>
    <message>
        <source>Overpass API URL</source>
        <translation>Overpass API 주소(URL)</translation>
    </message>
    <message>
        <source>Fallback Overpass API URL (empty: none)</source>
        <translation>대체 Overpass API 주소 (비우면 없음)</translation>
    </message>
    <message>
        <source>Timeout per request (seconds)</source>
        <translation>요청별 제한 시간 (초)</translation>
    </message>
    <message>
        <source>Compare with (GeoPackage; empty: the shipped reference layers)</source>
        <translation>비교 대상 (GeoPackage, 비우면 배포된 참조 레이어)</translation>
    </message>
    <message>
        <source>OpenStreetMap layers</source>
        <translation>OpenStreetMap 레이어</translation>
    </message>
    <message>
        <source>Features added</source>
        <translation>추가된 피처 수</translation>
    </message>
    <message>
        <source>Features removed</source>
        <translation>삭제된 피처 수</translation>
    </message>
    <message>
        <source>Features moved</source>
        <translation>이동한 피처 수</translation>
    </message>
    <message>
        <source>Changes (JSON list)</source>
        <translation>변경 내역 (JSON 목록)</translation>
    </message>
    <message>
        <source>Overpass server that answered</source>
        <translation>응답한 Overpass 서버</translation>
    </message>
    <message>
        <source>URL is empty: give an Overpass API endpoint such as {url}</source>
        <translation>URL이 비어 있습니다. {url} 같은 Overpass API 엔드포인트를 지정하십시오.</translation>
    </message>
    <message>
        <source>URL / FALLBACK_URL: {url} is not an http(s) URL; use e.g. {example}</source>
        <translation>URL / FALLBACK_URL: {url}은(는) http(s) 주소가 아닙니다. 예: {example}</translation>
    </message>
    <message>
        <source>COMPARE_WITH: {path} does not exist; pick a GeoPackage or leave it empty</source>
        <translation>COMPARE_WITH: {path}이(가) 없습니다. GeoPackage를 선택하거나 비워 두십시오.</translation>
    </message>
    <message>
        <source>OUTPUT is the GeoPackage being compared with; choose another OUTPUT file</source>
        <translation>OUTPUT이 비교 대상 GeoPackage와 같습니다. 다른 OUTPUT 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT is the shipped reference GeoPackage inside the plugin; choose your own file</source>
        <translation>OUTPUT이 플러그인 안의 배포된 참조 GeoPackage입니다. 직접 관리하는 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>Querying {urls} (timeout {timeout} s)</source>
        <translation>{urls}에 질의하는 중 (제한 시간 {timeout}초)</translation>
    </message>
    <message>
        <source> then </source>
        <translation>, 실패 시 </translation>
    </message>
    <message>
        <source>Cancelled; the existing OUTPUT was left untouched</source>
        <translation>취소되었습니다. 기존 OUTPUT은 건드리지 않았습니다.</translation>
    </message>
    <message>
        <source>URL / FALLBACK_URL / TIMEOUT: the OpenStreetMap refresh failed ({error}). Check the server URLs and your connection, or raise TIMEOUT; the existing OUTPUT was left untouched.</source>
        <translation>URL / FALLBACK_URL / TIMEOUT: OpenStreetMap 갱신에 실패했습니다({error}). 서버 주소와 네트워크 연결을 확인하거나 TIMEOUT을 늘리십시오. 기존 OUTPUT은 건드리지 않았습니다.</translation>
    </message>
    <message>
        <source>Answer from {server} (OSM data as of {timestamp}): {counts}</source>
        <translation>{server}의 응답 (OSM 데이터 기준 시각 {timestamp}): {counts}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>알 수 없음</translation>
    </message>
    <message>
        <source>the shipped reference layers</source>
        <translation>배포된 참조 레이어</translation>
    </message>
    <message>
        <source>Changes against {compared}: {added} added, {removed} removed, {moved} moved, {unchanged} unchanged</source>
        <translation>{compared}와(과) 비교한 변경: 추가 {added}, 삭제 {removed}, 이동 {moved}, 변경 없음 {unchanged}</translation>
    </message>
    <message>
        <source>added</source>
        <translation>추가</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>삭제</translation>
    </message>
    <message>
        <source>moved</source>
        <translation>이동</translation>
    </message>
    <message>
        <source>{layer}: {change} by {distance:.0f} m: {name}</source>
        <translation>{layer}: {change}, 거리 {distance:.0f} m: {name}</translation>
    </message>
    <message>
        <source>{layer}: {change}: {name}</source>
        <translation>{layer}: {change}: {name}</translation>
    </message>
    <message>
        <source>Written to {path}. Data © OpenStreetMap contributors (ODbL 1.0).</source>
        <translation>{path}에 썼습니다. 데이터 © OpenStreetMap 기여자 (ODbL 1.0).</translation>
    </message>
    <message>
        <source>Vessel tracks from AIS positions</source>
        <translation>AIS 위치로 선박 항적 만들기</translation>
    </message>
    <message>
        <source>Vessel tracks from AIS positions…</source>
        <translation>AIS 위치로 선박 항적 만들기…</translation>
    </message>
    <message>
        <source>Turns AIS positions (the output of 'Import AIS NMEA log', or any point layer from a CSV or GeoPackage) into one line per vessel segment, with M values holding epoch seconds. Times may be DateTime fields, ISO 8601 text with or without a time zone (all converted to UTC; text without a zone is taken as UTC), dd/mm/yyyy HH:MM:SS, or digits: YYYYmmddHHMMSS, YYYYmmddHHMM, YYYYmmdd, epoch seconds (9-10 digits) or milliseconds (12-13 digits).&lt;br&gt;&lt;br&gt;A segment ends when the gap between two reports exceeds MAX_GAP minutes. Reports that imply a speed above MAX_SPEED knots are dropped as outliers, one per impossible jump and never its neighbours (of two lone reports with one fast link, the later). Rows with lat 91 / lon 181 (AIS 'not available'), coordinates out of range, missing or unparseable times, MMSIs that are not 9 digits, and duplicates (same MMSI and time) are skipped and counted in the log; a segment of a single report is left out.&lt;br&gt;&lt;br&gt;Fields: mmsi, vessel_name, segment_id (1, 2, … per vessel), start_time, end_time (UTC DateTime), n_points, length_km, mean_sog, max_sog (knots; from the SOG field when there is one, else from the positions). The layer is styled and its temporal properties are set, so the Temporal Controller animates it.</source>
        <translation>AIS 위치('AIS NMEA 로그 가져오기'의 출력, 또는 CSV나 GeoPackage의 어떤 점 레이어든)를 선박 구간마다 선 하나로 바꾸며, M 값에는 에포크 초가 들어갑니다. 시각은 DateTime 필드, 시간대가 있거나 없는 ISO 8601 텍스트(모두 UTC로 변환하며, 시간대 없는 텍스트는 UTC로 간주), dd/mm/yyyy HH:MM:SS, 또는 숫자(YYYYmmddHHMMSS, YYYYmmddHHMM, YYYYmmdd, 에포크 초(9-10자리), 밀리초(12-13자리))일 수 있습니다.&lt;br&gt;&lt;br&gt;두 보고 사이의 간격이 MAX_GAP분을 넘으면 구간이 끝납니다. MAX_SPEED 노트를 넘는 속력이 나오는 보고는 이상값으로 버립니다. 불가능한 이동 하나마다 보고 하나만 버리며 그 이웃은 버리지 않습니다(빠른 연결 하나로 이어진 외딴 보고 두 개 가운데서는 나중 것을 버립니다). 위도 91 / 경도 181(AIS '사용 불가')인 행, 범위를 벗어난 좌표, 없거나 해석할 수 없는 시각, 9자리가 아닌 MMSI, 중복(같은 MMSI와 시각)은 건너뛰고 로그에 그 수를 알립니다. 보고가 하나뿐인 구간은 제외합니다.&lt;br&gt;&lt;br&gt;필드: mmsi, vessel_name, segment_id(선박마다 1, 2, …), start_time, end_time(UTC DateTime), n_points, length_km, mean_sog, max_sog(노트. SOG 필드가 있으면 그 값에서, 없으면 위치에서 계산). 레이어에는 스타일과 시간 속성이 설정되므로 시간 컨트롤러로 애니메이션할 수 있습니다.</translation>
    </message>
    <message>
        <source>Maximum gap between reports (minutes)</source>
        <translation>보고 사이의 최대 간격 (분)</translation>
    </message>
    <message>
        <source>Maximum plausible speed (knots; 0 keeps every report)</source>
        <translation>최대 허용 속력 (노트, 0이면 모든 보고 유지)</translation>
    </message>
    <message>
        <source>Segments</source>
        <translation>구간 수</translation>
    </message>
    <message>
        <source>Positions in segments</source>
        <translation>구간에 쓰인 위치 수</translation>
    </message>
    <message>
        <source>Input rows skipped</source>
        <translation>건너뛴 입력 행 수</translation>
    </message>
    <message>
        <source>No usable position is left after cleaning (see the log for the reasons). Check that '{time_field}' holds times and '{mmsi_field}' 9-digit MMSIs.</source>
        <translation>정제 후 쓸 수 있는 위치가 남지 않았습니다(사유는 로그 참조). '{time_field}'에 시각이, '{mmsi_field}'에 9자리 MMSI가 있는지 확인하십시오.</translation>
    </message>
    <message>
        <source>{segments} segments; {outliers} reports dropped as speed outliers (&gt; {max_speed:g} kn); {single} single-report segments and {stationary} stationary segments (every report at one position, so no line) left out.</source>
        <translation>구간 {segments}개. 속력 이상값(&gt; {max_speed:g} kn)으로 보고 {outliers}개를 버렸고, 보고 하나뿐인 구간 {single}개와 정지 구간 {stationary}개(모든 보고가 한 위치에 있어 선이 되지 않음)를 제외했습니다.</translation>
    </message>
    <message>
        <source>PROJECT {path} could not be read ({error}); open it in QGIS and save it again</source>
        <translation type="vanished">PROJECT {path}을(를) 읽을 수 없습니다({error}). QGIS에서 열어 다시 저장하십시오.</translation>
    </message>
    <message>
        <source>the open project could not be copied ({error})</source>
        <translation type="vanished">열려 있는 프로젝트를 복사할 수 없습니다({error})</translation>
    </message>
    <message>
        <source>the copy of the open project could not be read ({error})</source>
        <translation type="vanished">열려 있는 프로젝트의 사본을 읽을 수 없습니다({error})</translation>
    </message>
    <message>
        <source>raster '{layer}' could not be written as GeoTIFF</source>
        <translation type="vanished">래스터 '{layer}'을(를) GeoTIFF로 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>&lt;p&gt;Finds where the ground changed between a BEFORE and an AFTER scene (any GDAL raster: Sentinel-2, Landsat, Planet...), how much, and how significantly, with areas per monitoring zone.&lt;/p&gt;
&lt;h3&gt;Methods&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;iMAD&lt;/b&gt; (default): iteratively re-weighted Multivariate Alteration Detection (Nielsen 2007). MAD finds the linear combinations of the two band sets that are most correlated (canonical correlation) and takes their differences, the MAD variates; it is blind to any per-band gain and offset (season, sun, sensor calibration), so only real change stands out. iMAD repeats the analysis weighting each pixel by its probability of no change, so the change itself does not distort the statistics. The statistic is chi-square: sum over i of (MAD_i / sigma_i)^2.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;MAD&lt;/b&gt;: one pass of the above (Nielsen, Conradsen &amp;amp; Simpson 1998); the band counts may differ (as in Orfeo ToolBox). Canonical correlations equal OTB's.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;CVA&lt;/b&gt;: change vector analysis; the statistic is the length of the per-band difference vector; the variates output adds the direction (angle to the all-bands-brighter direction).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Difference&lt;/b&gt;: per-band AFTER - BEFORE; statistic = Euclidean norm of the differences.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Log-ratio&lt;/b&gt;: per-band ln(AFTER / BEFORE) (suits radar intensities); pixels with values &amp;lt;= 0 are nodata. CVA, Difference and Log-ratio need the same number of bands in both scenes and are sensitive to radiometric drift.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Parameters&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;BEFORE / AFTER&lt;/b&gt;: the two scenes. If their CRS, extent or resolution differ, AFTER is warped onto BEFORE's grid over the overlap (Resampling, advanced); no overlap is an error.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Bands&lt;/b&gt;: optional band lists (default all bands), e.g. leave out a cirrus or QA band.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Threshold&lt;/b&gt;: how the change mask is cut from the statistic. &lt;i&gt;Automatic&lt;/i&gt; is the chi-square test for MAD/iMAD and EM otherwise: on synthetic pairs with known change and a per-band gain/offset drift, iMAD with the chi-square test at alpha 0.0001 gave F1 0.997-0.998 (Otsu 0.82-0.99, EM 0.95-0.96), and for CVA EM beat Otsu (F1 0.999-1.0 vs 0.96-1.0). &lt;i&gt;Chi-square significance&lt;/i&gt;: a pixel is change when the probability of its statistic under no change is below ALPHA (expected false-alarm rate). &lt;i&gt;Otsu&lt;/i&gt;: the histogram split with the largest between-class variance. &lt;i&gt;EM&lt;/i&gt;: a two-Gaussian mixture fitted by expectation-maximisation, cut where both classes are equally likely. &lt;i&gt;Manual&lt;/i&gt;: change where the statistic exceeds MANUAL_THRESHOLD.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: significance level of the chi-square test (default 0.0001).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Zones&lt;/b&gt;: optional polygons (e.g. the Rason monitoring areas); a field called "name" names each zone. Zone statistics give, per zone, the valid and changed area (m2 and %) and the number of change regions touching it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Minimum region area&lt;/b&gt; (m2): change regions smaller than this are left out of the polygons and of the region counts (the mask keeps every pixel).&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Outputs&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;Change mask&lt;/b&gt;: GeoTIFF, 1 change, 0 no change, 255 nodata (nodata in either scene or masked; never counted as change).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Change statistic&lt;/b&gt;: float32, chi-square for MAD/iMAD, magnitude otherwise; nodata -1 (every statistic is &amp;gt;= 0).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Variates&lt;/b&gt; (optional): MAD variates plus the chi-square p-value band, or per-band differences / log-ratios (plus the CVA direction); nodata NaN, since variates take every real value.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Change polygons&lt;/b&gt; (optional): area_m2, mean_stat, zone.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Zone statistics&lt;/b&gt; (optional): one row per zone.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;Streams the scenes in strips: memory does not grow with the scene size. Note: iMAD's chi-square uses a consistency factor so unchanged pixels follow the chi-square law (see README).&lt;/p&gt;</source>
        <translation type="vanished">&lt;p&gt;이전(BEFORE) 영상과 이후(AFTER) 영상(Sentinel-2, Landsat, Planet 등 GDAL로 읽을 수 있는 모든 래스터) 사이에서 지표가 어디에서, 얼마나, 얼마나 유의하게 변했는지 찾고, 모니터링 구역별 면적을 계산합니다.&lt;/p&gt;
&lt;h3&gt;방법&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;iMAD&lt;/b&gt; (기본값): 반복 재가중 다변량 변화 탐지(Multivariate Alteration Detection, Nielsen 2007). MAD는 두 밴드 집합의 선형 결합 가운데 상관이 가장 큰 것(정준상관)을 찾아 그 차이, 즉 MAD 변량을 구합니다. 밴드별 이득과 오프셋(계절, 태양, 센서 보정)의 차이에 영향을 받지 않으므로 실제 변화만 드러납니다. iMAD는 각 화소에 변화가 없을 확률로 가중치를 주어 분석을 반복하므로 변화 자체가 통계를 왜곡하지 않습니다. 통계량은 카이제곱으로, i에 대한 (MAD_i / sigma_i)^2의 합입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;MAD&lt;/b&gt;: 위 분석을 한 번만 수행합니다(Nielsen, Conradsen &amp;amp; Simpson 1998). 두 영상의 밴드 수가 달라도 됩니다(Orfeo ToolBox와 같음). 정준상관은 OTB의 결과와 같습니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;CVA&lt;/b&gt;: 변화 벡터 분석. 통계량은 밴드별 차이 벡터의 길이이며, 변량 출력에는 방향(모든 밴드가 밝아지는 방향과 이루는 각)이 더해집니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Difference&lt;/b&gt;(차분): 밴드별 AFTER - BEFORE. 통계량 = 차이의 유클리드 노름.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Log-ratio&lt;/b&gt;(로그 비): 밴드별 ln(AFTER / BEFORE)(레이더 강도 영상에 적합). 값이 &amp;lt;= 0인 화소는 nodata가 됩니다. CVA, 차분, 로그 비는 두 영상의 밴드 수가 같아야 하며 방사 특성의 변동에 민감합니다.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;매개변수&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;BEFORE / AFTER&lt;/b&gt;: 두 영상. 좌표계, 범위 또는 해상도가 다르면 AFTER를 겹치는 영역에서 BEFORE의 격자로 재투영합니다(리샘플링, 고급 설정). 겹치는 영역이 없으면 오류입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;밴드&lt;/b&gt;: 선택 사항인 밴드 목록(기본값은 모든 밴드). 예를 들어 권운(cirrus) 밴드나 QA 밴드를 뺄 수 있습니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;임계값&lt;/b&gt;: 통계량에서 변화 마스크를 나누는 방법. &lt;i&gt;자동&lt;/i&gt;은 MAD/iMAD에는 카이제곱 검정, 그 밖에는 EM을 씁니다. 변화를 알고 있고 밴드별 이득/오프셋 변동을 준 합성 영상 쌍에서 알파 0.0001의 카이제곱 검정을 쓴 iMAD는 F1 0.997-0.998(Otsu 0.82-0.99, EM 0.95-0.96)을 보였고, CVA에서는 EM이 Otsu보다 나았습니다(F1 0.999-1.0 대 0.96-1.0). &lt;i&gt;카이제곱 유의성&lt;/i&gt;: 변화가 없다는 가정에서 통계량이 나올 확률이 ALPHA(예상 오경보율)보다 작으면 변화 화소입니다. &lt;i&gt;Otsu&lt;/i&gt;: 집단 간 분산이 가장 큰 히스토그램 분할. &lt;i&gt;EM&lt;/i&gt;: 기댓값 최대화로 적합한 두 정규분포 혼합 모형을 두 집단의 가능성이 같아지는 곳에서 나눕니다. &lt;i&gt;수동&lt;/i&gt;: 통계량이 MANUAL_THRESHOLD를 넘는 곳이 변화입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: 카이제곱 검정의 유의수준(기본값 0.0001).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구역&lt;/b&gt;: 선택 사항인 폴리곤(예: 라선 모니터링 구역). "name"이라는 필드가 있으면 그 값이 구역의 이름이 됩니다. 구역 통계는 구역마다 유효 면적과 변화 면적(m2 및 %), 그리고 그 구역에 닿는 변화 영역의 수를 제공합니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;최소 영역 면적&lt;/b&gt; (m2): 이보다 작은 변화 영역은 폴리곤과 영역 수에서 빠집니다(마스크에는 모든 화소가 남습니다).&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;출력&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;변화 마스크&lt;/b&gt;: GeoTIFF. 1은 변화, 0은 변화 없음, 255는 nodata(어느 한 영상에서 nodata이거나 마스크된 화소이며, 변화로 세지 않습니다).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;변화 통계량&lt;/b&gt;: float32. MAD/iMAD는 카이제곱, 그 밖에는 크기. nodata는 -1(모든 통계량은 &amp;gt;= 0).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;변량&lt;/b&gt; (선택 사항): MAD 변량과 카이제곱 p-값 밴드, 또는 밴드별 차이 / 로그 비(CVA는 방향 추가). 변량은 모든 실수값을 가질 수 있으므로 nodata는 NaN입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;변화 폴리곤&lt;/b&gt; (선택 사항): area_m2, mean_stat, zone.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구역 통계&lt;/b&gt; (선택 사항): 구역마다 한 행.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;영상을 띠(strip) 단위로 스트리밍하므로 영상이 커져도 메모리 사용량이 늘지 않습니다. 참고: iMAD의 카이제곱은 변화 없는 화소가 카이제곱 분포를 따르도록 일치성 계수를 사용합니다(README 참조).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Reads a raw AIS receiver log (NMEA !AIVDM/!AIVDO sentences) line by line and writes one point per position report (message types 1, 2, 3, 18, 19, 27) with MMSI, receive time, SOG, COG, heading, navigational status and message type, joined with the vessel's static data from type 5, 19 and 24 messages (name, IMO, call sign, ship type, length, width, destination).&lt;br&gt;&lt;br&gt;Receive times come from a leading 'YYYY-MM-DD HH:MM:SS,' prefix, an NMEA 4.10 tag block (\c:epoch*hh\), a leading or trailing epoch-seconds value. AIS messages carry no date, so a log without any of these gives positions without a time: the log says so and the time field stays empty.&lt;br&gt;&lt;br&gt;Multipart messages are reassembled. Lines that are not AIS, fail their checksum, have an empty payload or cannot be decoded, and positions marked 'not available' (lat 91, lon 181), are counted and reported, never fatal. Big logs are streamed, never loaded.&lt;br&gt;Needs the pyais library; if it is missing the error gives the install command.</source>
        <translation type="vanished">AIS 수신기의 원시 로그(NMEA !AIVDM/!AIVDO 문장)를 한 줄씩 읽어 위치 보고(메시지 유형 1, 2, 3, 18, 19, 27)마다 점 하나를 씁니다. 각 점에는 MMSI, 수신 시각, 대지속력(SOG), 대지침로(COG), 선수 방위, 항행 상태, 메시지 유형이 들어가며, 유형 5, 19, 24 메시지의 선박 정적 정보(선박명, IMO, 호출부호, 선종, 길이, 폭, 목적지)가 결합됩니다.&lt;br&gt;&lt;br&gt;수신 시각은 줄 앞의 'YYYY-MM-DD HH:MM:SS,' 접두어, NMEA 4.10 태그 블록(\c:epoch*hh\), 또는 줄 앞이나 뒤의 에포크 초 값에서 읽습니다. AIS 메시지에는 날짜가 없으므로 이 가운데 아무것도 없는 로그에서는 시각 없는 위치가 나옵니다. 이 경우 로그에 그렇게 알리고 시각 필드는 비워 둡니다.&lt;br&gt;&lt;br&gt;여러 부분으로 나뉜 메시지는 다시 조립합니다. AIS가 아닌 줄, 체크섬이 틀린 줄, 페이로드가 비었거나 해독할 수 없는 줄, 그리고 '사용 불가'로 표시된 위치(위도 91, 경도 181)는 세어서 보고하며, 실행을 멈추게 하지는 않습니다. 큰 로그도 메모리에 한꺼번에 올리지 않고 스트리밍합니다.&lt;br&gt;pyais 라이브러리가 필요합니다. 없으면 오류 메시지에 설치 명령이 나옵니다.</translation>
    </message>
    <message>
        <source>Writes the current project (or the .qgs/.qgz given as PROJECT) and the data of every layer it uses into one folder or zip that a colleague can open anywhere:
- vector layers, including memory (temporary) layers, go into one GeoPackage, layers.gpkg, a table per layer, with their style stored as the table's default style and their metadata;
- rasters are written as GeoTIFFs in rasters/ (values, nodata and metadata kept);
- the project is saved as &lt;name&gt;.qgz with relative paths; groups, layer order, visibility, styles, layer metadata and temporal settings come along.
Layers from databases or web services (PostGIS, WMS/WMTS/XYZ tiles, WFS...) and layers whose source is missing are kept as they are and listed in the log, in NOT_PACKAGED and in package_report.txt.

OUTPUT: a path ending in .zip gives a zip holding one folder; any other path (type it in the box) is a folder, which must be new or empty (nothing in an existing folder is overwritten). An existing zip is replaced only once the new one is complete. A cancelled or failed run leaves nothing.

Your open project and its files are never changed: the work is done on a copy. Unsaved edits of file layers are not packaged (save them first); memory layers are packaged as they are.</source>
        <translation type="vanished">현재 프로젝트(또는 PROJECT로 지정한 .qgs/.qgz)와 그 프로젝트가 쓰는 모든 레이어의 데이터를 동료가 어디에서나 열 수 있는 폴더나 zip 하나에 씁니다.
- 메모리(임시) 레이어를 포함한 벡터 레이어는 GeoPackage 하나(layers.gpkg)에 레이어마다 테이블 하나로 들어가며, 스타일은 테이블의 기본 스타일로, 메타데이터와 함께 저장됩니다.
- 래스터는 rasters/ 폴더에 GeoTIFF로 씁니다(값, nodata, 메타데이터 유지).
- 프로젝트는 상대 경로로 &lt;name&gt;.qgz에 저장되며, 그룹, 레이어 순서, 표시 여부, 스타일, 레이어 메타데이터, 시간 설정이 함께 옮겨집니다.
데이터베이스나 웹 서비스(PostGIS, WMS/WMTS/XYZ 타일, WFS 등)의 레이어와 원본이 없는 레이어는 그대로 두고 로그, NOT_PACKAGED, package_report.txt에 기록합니다.

OUTPUT: .zip으로 끝나는 경로는 폴더 하나를 담은 zip이 되고, 그 밖의 경로(입력란에 직접 입력)는 폴더가 되며, 이 폴더는 새 폴더이거나 비어 있어야 합니다(기존 폴더의 어떤 것도 덮어쓰지 않습니다). 기존 zip은 새 zip이 완성된 뒤에야 교체됩니다. 취소되거나 실패한 실행은 아무것도 남기지 않습니다.

열려 있는 프로젝트와 그 파일은 바뀌지 않습니다. 모든 작업은 사본에서 이루어집니다. 파일 레이어의 저장하지 않은 편집 내용은 패키지되지 않으며(먼저 저장하십시오), 메모리 레이어는 현재 상태 그대로 패키지됩니다.</translation>
    </message>
    <message>
        <source>Finds port calls in AIS positions: one row per call with mmsi, vessel name, port, arrival, departure (UTC), dwell hours, minimum SOG and the number of positions.&lt;br&gt;&lt;br&gt;Entry and exit use hysteresis: a vessel arrives at its first report within ENTRY_DISTANCE metres of a port polygon (0 = inside it) and the call lasts while its reports stay within the larger EXIT_DISTANCE; departure is the last report inside EXIT_DISTANCE. AIS silence inside the port does not split a call unless it lasts longer than MAX_SILENCE hours. Distances use a local equirectangular projection around each port, accurate to well under a metre at port scale.&lt;br&gt;&lt;br&gt;PORTS defaults to the plugin's port monitoring areas (Rajin and Sonbong, approximate). OUTPUT_SUMMARY gets, per port and per ISO week (starting Monday) and calendar month of arrival: calls, distinct vessels and total dwell hours.</source>
        <translation type="vanished">AIS 위치에서 입항 기록을 찾습니다. 입항마다 한 행이며 mmsi, 선박명, 항구, 입항·출항 시각(UTC), 체류 시간(시간), 최소 대지속력(SOG), 위치 수가 들어갑니다.&lt;br&gt;&lt;br&gt;입항과 출항은 이력 현상(히스테리시스)을 이용합니다. 선박은 항만 폴리곤에서 ENTRY_DISTANCE 미터 안(0 = 폴리곤 안)에 든 첫 보고 시점에 입항하고, 보고가 더 넓은 EXIT_DISTANCE 안에 있는 동안 입항이 이어집니다. 출항 시각은 EXIT_DISTANCE 안의 마지막 보고입니다. 항구 안에서 AIS 신호가 끊겨도 MAX_SILENCE 시간보다 길지 않으면 입항 기록이 나뉘지 않습니다. 거리는 항구마다 그 주변의 국지 등장방형 투영으로 계산하며, 항만 규모에서 오차는 1미터보다 훨씬 작습니다.&lt;br&gt;&lt;br&gt;PORTS의 기본값은 플러그인의 항만 모니터링 구역(라진항과 선봉항, 대략적)입니다. OUTPUT_SUMMARY에는 항구별, 입항한 ISO 주(월요일 시작)와 달력상 월별로 입항 횟수, 서로 다른 선박 수, 총 체류 시간이 들어갑니다.</translation>
    </message>
    <message>
        <source>Turns AIS positions (the output of 'Import AIS NMEA log', or any point layer from a CSV or GeoPackage) into one line per vessel segment, with M values holding epoch seconds. Times may be DateTime fields, ISO 8601 text with or without a time zone (all converted to UTC; text without a zone is taken as UTC) or epoch seconds.&lt;br&gt;&lt;br&gt;A segment ends when the gap between two reports exceeds MAX_GAP minutes. Reports that imply a speed above MAX_SPEED knots to their neighbours are dropped as outliers. Rows with lat 91 / lon 181 (AIS 'not available'), coordinates out of range, missing or unparseable times, MMSIs that are not 9 digits, and duplicates (same MMSI and time) are skipped and counted in the log; a segment of a single report is left out.&lt;br&gt;&lt;br&gt;Fields: mmsi, vessel_name, segment_id (1, 2, … per vessel), start_time, end_time (UTC DateTime), n_points, length_km, mean_sog, max_sog (knots; from the SOG field when there is one, else from the positions). The layer is styled and its temporal properties are set, so the Temporal Controller animates it.</source>
        <translation type="vanished">AIS 위치('AIS NMEA 로그 가져오기'의 출력, 또는 CSV나 GeoPackage의 어떤 점 레이어든)를 선박 구간마다 선 하나로 바꾸며, M 값에는 에포크 초가 들어갑니다. 시각은 DateTime 필드, 시간대가 있거나 없는 ISO 8601 텍스트(모두 UTC로 변환하며, 시간대 없는 텍스트는 UTC로 간주), 또는 에포크 초일 수 있습니다.&lt;br&gt;&lt;br&gt;두 보고 사이의 간격이 MAX_GAP분을 넘으면 구간이 끝납니다. 이웃 보고와의 사이에서 MAX_SPEED 노트를 넘는 속력이 나오는 보고는 이상값으로 버립니다. 위도 91 / 경도 181(AIS '사용 불가')인 행, 범위를 벗어난 좌표, 없거나 해석할 수 없는 시각, 9자리가 아닌 MMSI, 중복(같은 MMSI와 시각)은 건너뛰고 로그에 그 수를 알립니다. 보고가 하나뿐인 구간은 제외합니다.&lt;br&gt;&lt;br&gt;필드: mmsi, vessel_name, segment_id(선박마다 1, 2, …), start_time, end_time(UTC DateTime), n_points, length_km, mean_sog, max_sog(노트. SOG 필드가 있으면 그 값에서, 없으면 위치에서 계산). 레이어에는 스타일과 시간 속성이 설정되므로 시간 컨트롤러로 애니메이션할 수 있습니다.</translation>
    </message>
</context>
</TS>
