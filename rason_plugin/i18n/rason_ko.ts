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
        <source>Railway (Natural Earth, generalised)</source>
        <translation>철도 (Natural Earth, 일반화)</translation>
    </message>
    <message>
        <source>Land (Natural Earth, coarse)</source>
        <translation>육지 (Natural Earth, 개략)</translation>
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
        <source>None (each pixel alone)</source>
        <translation>없음 (화소마다 따로)</translation>
    </message>
    <message>
        <source>Majority filter</source>
        <translation>다수결 필터</translation>
    </message>
    <message>
        <source>Markov random field (Potts prior, ICM)</source>
        <translation>마르코프 랜덤 필드 (Potts 사전분포, ICM)</translation>
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
&lt;li&gt;&lt;b&gt;Threshold&lt;/b&gt;: how the change mask is cut from the statistic. &lt;i&gt;Automatic&lt;/i&gt; is the chi-square test for MAD/iMAD and EM otherwise: on synthetic pairs with known change and a per-band gain/offset drift, iMAD with the chi-square test at alpha 1e-6 gave F1 1.00-1.00 (Otsu 0.81-0.99, EM 0.95-0.97), and for CVA EM beat Otsu (F1 0.99-1.00 vs 0.96-1.00). &lt;i&gt;Chi-square significance&lt;/i&gt;: a pixel is change when the probability of its statistic under no change is below ALPHA (expected false-alarm rate). &lt;i&gt;Otsu&lt;/i&gt;: the histogram split with the largest between-class variance. &lt;i&gt;EM&lt;/i&gt;: a two-Gaussian mixture fitted by expectation-maximisation, cut where both classes are equally likely. &lt;i&gt;Manual&lt;/i&gt;: change where the statistic exceeds MANUAL_THRESHOLD.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: significance level of the chi-square test (default 0.000001, i.e. 1e-6). On the labelled Nanjing Landsat pair, 1e-6 with the MRF reached kappa 0.816, against 0.778 at 0.0001: real unchanged pixels have heavier tails than the chi-square law. With MAD, whose test is conservative, 0.001 does better.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Zones&lt;/b&gt;: optional polygons (e.g. the Rason monitoring areas); a field called "name" names each zone. Zone statistics give, per zone, the valid and changed area (m2 and %) and the number of change regions touching it.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Spatial context&lt;/b&gt; (SPATIAL, advanced): &lt;i&gt;Markov random field&lt;/i&gt; (default) re-labels each pixel from the chi-square likelihood of no change, a gamma law fitted to the flagged pixels, and a Potts prior on its 8 neighbours (MRF_BETA, default 1.5), by iterated conditional modes (Besag 1986); alone, a pixel keeps the threshold's decision. &lt;i&gt;Majority filter&lt;/i&gt;: the majority label of a SPATIAL_SIZE x SPATIAL_SIZE window (it erases objects of a few pixels). On the labelled Nanjing Landsat pair the MRF raised iMAD's kappa from 0.794 to 0.816 at the default ALPHA (README, make bench-accuracy). The MRF needs MAD/iMAD's chi-square statistic: for CVA, Difference and Log-ratio it leaves the mask as the threshold made it.&lt;/li&gt;
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
&lt;li&gt;&lt;b&gt;임계값&lt;/b&gt;: 통계량에서 변화 마스크를 나누는 방법. &lt;i&gt;자동&lt;/i&gt;은 MAD/iMAD에는 카이제곱 검정, 그 밖에는 EM을 씁니다. 변화를 알고 있고 밴드별 이득/오프셋 변동을 준 합성 영상 쌍에서 알파 1e-6의 카이제곱 검정을 쓴 iMAD는 F1 1.00-1.00(Otsu 0.81-0.99, EM 0.95-0.97)을 보였고, CVA에서는 EM이 Otsu보다 나았습니다(F1 0.99-1.00 대 0.96-1.00). &lt;i&gt;카이제곱 유의성&lt;/i&gt;: 변화가 없다는 가정에서 통계량이 나올 확률이 ALPHA(예상 오경보율)보다 작으면 변화 화소입니다. &lt;i&gt;Otsu&lt;/i&gt;: 집단 간 분산이 가장 큰 히스토그램 분할. &lt;i&gt;EM&lt;/i&gt;: 기댓값 최대화로 적합한 두 정규분포 혼합 모형을 두 집단의 가능성이 같아지는 곳에서 나눕니다. &lt;i&gt;수동&lt;/i&gt;: 통계량이 MANUAL_THRESHOLD를 넘는 곳이 변화입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: 카이제곱 검정의 유의수준(기본값 0.000001, 즉 1e-6). 레이블이 있는 난징 Landsat 영상 쌍에서 1e-6은 MRF와 함께 카파 0.816에 이르렀고, 0.0001에서는 0.778이었습니다. 실제로 변하지 않은 화소는 카이제곱 분포보다 꼬리가 두껍기 때문입니다. 검정이 보수적인 MAD에서는 0.001이 더 낫습니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구역&lt;/b&gt;: 선택 사항인 폴리곤(예: 라선 모니터링 구역). "name"이라는 필드가 있으면 그 값이 구역의 이름이 됩니다. 구역 통계는 구역마다 유효 면적과 변화 면적(m2 및 %), 그리고 그 구역에 닿는 변화 영역의 수를 제공합니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;공간 맥락&lt;/b&gt; (SPATIAL, 고급 설정): &lt;i&gt;마르코프 랜덤 필드&lt;/i&gt;(기본값)는 변화 없음의 카이제곱 우도, 변화로 표시된 화소에 적합한 감마 분포, 그리고 8개 이웃에 대한 Potts 사전분포(MRF_BETA, 기본값 1.5)를 써서 반복 조건부 최빈값(ICM, iterated conditional modes) 방식으로(Besag 1986) 각 화소의 레이블을 다시 정합니다. 이웃의 영향이 없다면 화소는 임계값의 판정을 그대로 따릅니다. &lt;i&gt;다수결 필터&lt;/i&gt;: SPATIAL_SIZE x SPATIAL_SIZE 창에서 다수인 레이블을 씁니다(몇 화소 크기의 객체는 지워집니다). 레이블이 있는 난징(Nanjing) Landsat 영상 쌍에서, 기본 ALPHA일 때 MRF는 iMAD의 카파를 0.794에서 0.816으로 높였습니다(README, make bench-accuracy). MRF에는 MAD/iMAD의 카이제곱 통계량이 필요하므로 CVA, 차분, 로그 비에서는 마스크를 임계값이 만든 그대로 둡니다.&lt;/li&gt;
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
        <source>Spatial context of the change mask</source>
        <translation>변화 마스크의 공간 맥락</translation>
    </message>
    <message>
        <source>Majority filter: window size (pixels, odd)</source>
        <translation>다수결 필터: 창 크기 (화소, 홀수)</translation>
    </message>
    <message>
        <source>MRF: neighbour weight (Potts beta)</source>
        <translation>MRF: 이웃 가중치 (Potts 베타)</translation>
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
        <source>could not stretch the colour ramp: {error}</source>
        <translation>색상표를 늘일 수 없습니다: {error}</translation>
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
        <source>Dark vessels: radar detections without AIS</source>
        <translation>AIS 미송출 선박 (암흑 선박): AIS 없는 레이더 탐지</translation>
    </message>
    <message>
        <source>Dark vessels: radar detections without AIS…</source>
        <translation>AIS 미송출 선박 (암흑 선박): AIS 없는 레이더 탐지…</translation>
    </message>
    <message>
        <source>Ships (radar)</source>
        <translation>선박 (레이더)</translation>
    </message>
    <message>
        <source>Matches ships found in a radar image (the output of 'Ships in a radar image (CFAR)') to AIS positions moved to the image time; detections left without a partner are 'dark'. Each vessel is placed by interpolating between its fixes around the image time, or extrapolated along its track, only from fixes within MAX_TIME_GAP minutes.&lt;br&gt;&lt;br&gt;SAR shows a moving ship off its true position, along the flight direction, by (R/V) times its speed toward the radar (the velocity along the look direction times sin(incidence)); at R/V = 115 s a ship at 10 kn heading toward the radar appears about 340 m forward. With PLATFORM_HEADING (the satellite's flight heading, degrees; the radar looks to the right) this shift is applied to the AIS positions; without it, moving vessels get a match distance widened by the largest shift their speed allows.&lt;br&gt;&lt;br&gt;Matching is one-to-one and global (Hungarian method): as many pairs as possible within MATCH_DISTANCE, with the least total distance. OUTPUT: the detections with status ('matched' or 'dark'), mmsi, vessel_name, match_distance_m and ais_time_gap_s. OUTPUT_MISSED: AIS vessels whose position at the image time lies on valid sea pixels of SCENE (off LAND) with no detection: switched-off radar visibility, small or misplaced vessels. Without SCENE it stays empty. A ready LAND mask is the 'Land (Natural Earth, coarse)' layer of rason:referencelayers; near the quays it is coarse.</source>
        <translation>레이더 영상에서 찾은 선박('레이더 영상에서 선박 탐지 (CFAR)'의 출력)을 영상 시각으로 옮긴 AIS 위치와 매칭합니다. 매칭되지 않은 탐지는 'dark', 즉 AIS 미송출 선박(암흑 선박)입니다. 각 선박의 위치는 영상 시각 전후의 위치 보고 사이를 보간하거나 항적을 따라 외삽하여 정하며, 영상 시각에서 MAX_TIME_GAP분 이내의 보고만 사용합니다.&lt;br&gt;&lt;br&gt;합성개구레이더(SAR) 영상에서 움직이는 선박은 실제 위치에서 비행 방향으로 (R/V) 곱하기 레이더 쪽으로 향하는 속도(관측 방향의 속도 성분 곱하기 sin(입사각))만큼 어긋나 보입니다. R/V = 115초일 때 10노트로 레이더 쪽을 향해 가는 선박은 약 340 m 앞쪽에 나타납니다. PLATFORM_HEADING(위성의 비행 방위, 도. 레이더는 오른쪽을 관측)을 지정하면 이 변위를 AIS 위치에 적용하고, 지정하지 않으면 움직이는 선박의 매칭 거리를 그 속력에서 나올 수 있는 최대 변위만큼 넓힙니다.&lt;br&gt;&lt;br&gt;매칭은 일대일이며 전역적입니다(헝가리안 방법). MATCH_DISTANCE 안에서 가능한 한 많은 쌍을 총 거리가 가장 작도록 만듭니다. OUTPUT: 상태('matched' 또는 'dark'), mmsi, vessel_name, match_distance_m, ais_time_gap_s가 붙은 탐지. OUTPUT_MISSED: 영상 시각의 위치가 SCENE의 유효한 바다 화소 위(LAND 밖)에 있는데도 탐지되지 않은 AIS 선박. 레이더에 보이지 않았거나, 작거나, 위치가 잘못된 선박입니다. SCENE이 없으면 비어 있습니다. 바로 쓸 수 있는 LAND 마스크는 rason:referencelayers의 '육지 (Natural Earth, 개략)' 레이어입니다. 부두 부근에서는 개략적입니다.</translation>
    </message>
    <message>
        <source>Ship detections</source>
        <translation>선박 탐지 결과</translation>
    </message>
    <message>
        <source>Image time (ISO 8601, UTC; default the detections' acq_time)</source>
        <translation>영상 시각 (ISO 8601, UTC, 기본값: 탐지 결과의 acq_time)</translation>
    </message>
    <message>
        <source>Radar image, for its footprint (optional)</source>
        <translation>레이더 영상 (촬영 범위 확인용, 선택 사항)</translation>
    </message>
    <message>
        <source>Land (polygons, optional)</source>
        <translation>육지 (폴리곤, 선택 사항)</translation>
    </message>
    <message>
        <source>Maximum time between an AIS fix and the image (minutes)</source>
        <translation>AIS 위치 보고와 영상 사이의 최대 시간 (분)</translation>
    </message>
    <message>
        <source>Match distance (m)</source>
        <translation>매칭 거리 (m)</translation>
    </message>
    <message>
        <source>Satellite flight heading (degrees, optional)</source>
        <translation>위성 비행 방위 (도, 선택 사항)</translation>
    </message>
    <message>
        <source>Incidence angle (degrees)</source>
        <translation>입사각 (도)</translation>
    </message>
    <message>
        <source>Slant range over platform velocity R/V (s)</source>
        <translation>경사 거리 / 플랫폼 속도 R/V (초)</translation>
    </message>
    <message>
        <source>Detections with AIS status</source>
        <translation>AIS 상태가 붙은 탐지</translation>
    </message>
    <message>
        <source>AIS vessels not detected</source>
        <translation>탐지되지 않은 AIS 선박</translation>
    </message>
    <message>
        <source>Dark detections</source>
        <translation>암흑 선박 탐지 수 (AIS 없음)</translation>
    </message>
    <message>
        <source>Matched detections</source>
        <translation>AIS와 매칭된 탐지 수</translation>
    </message>
    <message>
        <source>Choose the ship detections (output of rason:shipdetection) for DETECTIONS.</source>
        <translation>DETECTIONS에 선박 탐지 결과(rason:shipdetection의 출력)를 선택하십시오.</translation>
    </message>
    <message>
        <source>{dark} dark and {matched} matched detections; {missed} AIS vessels in the footprint not detected.</source>
        <translation>암흑 선박 탐지 {dark}개, 매칭된 탐지 {matched}개. 촬영 범위 안에서 탐지되지 않은 AIS 선박 {missed}척.</translation>
    </message>
    <message>
        <source>ACQUISITION_TIME '{text}' is not an ISO 8601 time; write it like 2022-06-12T17:33:29Z.</source>
        <translation>ACQUISITION_TIME '{text}'은(는) ISO 8601 시각이 아닙니다. 2022-06-12T17:33:29Z처럼 쓰십시오.</translation>
    </message>
    <message>
        <source>No image time: the detections have no acq_time and no SCENE gives one. Give ACQUISITION_TIME (ISO 8601, e.g. 2022-06-12T17:33:29Z).</source>
        <translation>영상 시각이 없습니다. 탐지 결과에 acq_time이 없고 SCENE에서도 얻을 수 없습니다. ACQUISITION_TIME을 지정하십시오(ISO 8601, 예: 2022-06-12T17:33:29Z).</translation>
    </message>
    <message>
        <source>No PLATFORM_HEADING: the azimuth shift of moving vessels cannot be applied, so their match distance is widened by the largest shift their speed allows (R/V x speed x sin(incidence)).</source>
        <translation>PLATFORM_HEADING이 없습니다. 움직이는 선박의 방위 방향 변위를 적용할 수 없으므로, 그 매칭 거리를 속력에서 나올 수 있는 최대 변위(R/V x 속력 x sin(입사각))만큼 넓힙니다.</translation>
    </message>
    <message>
        <source>No AIS fix lies within MAX_TIME_GAP of the image time: every detection is dark. Check the AIS time range or widen MAX_TIME_GAP.</source>
        <translation>영상 시각에서 MAX_TIME_GAP 안에 있는 AIS 위치 보고가 없어 모든 탐지가 암흑 선박(dark)입니다. AIS 자료의 시간 범위를 확인하거나 MAX_TIME_GAP을 늘리십시오.</translation>
    </message>
    <message>
        <source>{n} AIS vessels placed at the image time.</source>
        <translation>AIS 선박 {n}척을 영상 시각의 위치에 놓았습니다.</translation>
    </message>
    <message>
        <source>No SCENE: AIS vessels not detected are not listed (the footprint is unknown).</source>
        <translation>SCENE이 없습니다. 촬영 범위를 알 수 없으므로 탐지되지 않은 AIS 선박은 나열하지 않습니다.</translation>
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
        <source>Cancelled: no output was written.</source>
        <translation>취소되었습니다. 출력은 쓰지 않았습니다.</translation>
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
        <source>The plugin's reference GeoPackage {path} is missing, so there are no default zones. Reinstall the plugin, or choose a polygon layer for ZONES.</source>
        <translation>플러그인의 참조 GeoPackage {path}이(가) 없어 기본 구역이 없습니다. 플러그인을 다시 설치하거나 ZONES에 폴리곤 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>{path} has no readable 'monitoring_areas' layer. Reinstall the plugin, or choose a polygon layer for ZONES.</source>
        <translation>{path}에 읽을 수 있는 'monitoring_areas' 레이어가 없습니다. 플러그인을 다시 설치하거나 ZONES에 폴리곤 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>Monitoring report (PDF)</source>
        <translation>모니터링 보고서 (PDF)</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>프로젝트</translation>
    </message>
    <message>
        <source>Monitoring report (PDF)…</source>
        <translation>모니터링 보고서 (PDF)…</translation>
    </message>
    <message>
        <source>Writes one PDF that a colleague can read without QGIS:
1. a cover: the title, a map of the monitoring areas and the period the inputs cover;
2. one page per zone: a map with LAYERS, its change figures (CHANGE_ZONE_STATS from Change detection), its radar activity chart over time (ZONE_SERIES from SAR change), and its port calls (PORT_CALLS from Port calls, matched by port name = zone name);
3. vessels: every port call, the dark vessels (DETECTIONS from Dark vessels, status 'dark') with their nearest port area, and the AIS vessels expected but not seen (MISSED);
4. provenance: every input with its path and SHA-256 checksum, every parameter, the plugin, QGIS and GDAL versions, and the data credits the inputs call for.

All inputs are optional; a section whose input is missing says so. ZONES defaults to the plugin's monitoring areas. The text comes only from the inputs, so the same inputs give the same text. The PDF is written only once complete; a cancelled run leaves nothing.</source>
        <translation>QGIS 없이도 동료가 읽을 수 있는 PDF 하나를 씁니다.
1. 표지: 제목, 모니터링 구역 지도, 입력 자료가 다루는 기간.
2. 구역마다 한 페이지: LAYERS를 그린 지도, 구역의 변화 수치(변화 탐지의 CHANGE_ZONE_STATS), 시간에 따른 레이더 활동 차트(레이더 변화 탐지의 ZONE_SERIES), 입항 기록(입항 기록 만들기의 PORT_CALLS, 항구 이름 = 구역 이름으로 연결).
3. 선박: 모든 입항 기록, 가장 가까운 항만 구역이 붙은 AIS 미송출 선박(암흑 선박)(암흑 선박 탐지의 DETECTIONS 중 상태가 'dark'인 것), 예상되었으나 탐지되지 않은 AIS 선박(MISSED).
4. 출처 및 처리 이력: 모든 입력의 경로와 SHA-256 체크섬, 모든 매개변수, 플러그인·QGIS·GDAL 버전, 입력 자료가 요구하는 데이터 출처 표기.

모든 입력은 선택 사항이며, 입력이 없는 부분에는 없다고 적습니다. ZONES의 기본값은 플러그인의 모니터링 구역입니다. 본문은 입력에서만 만들어지므로 입력이 같으면 본문도 같습니다. PDF는 완성된 뒤에만 쓰며, 취소된 실행은 아무것도 남기지 않습니다.</translation>
    </message>
    <message>
        <source>Title (empty: from the zones)</source>
        <translation>제목 (비우면 구역 이름으로 만듦)</translation>
    </message>
    <message>
        <source>Zones (empty: the plugin's monitoring areas)</source>
        <translation>구역 (비우면 플러그인의 모니터링 구역)</translation>
    </message>
    <message>
        <source>Zone change statistics (from Change detection)</source>
        <translation>구역별 변화 통계 (변화 탐지의 출력)</translation>
    </message>
    <message>
        <source>Zone change series (from SAR change)</source>
        <translation>구역별 변화 시계열 (레이더 변화 탐지의 출력)</translation>
    </message>
    <message>
        <source>Port calls (from Port calls)</source>
        <translation>입항 기록 (입항 기록 만들기의 출력)</translation>
    </message>
    <message>
        <source>Ship detections (from Dark vessels)</source>
        <translation>선박 탐지 결과 (암흑 선박 탐지의 출력)</translation>
    </message>
    <message>
        <source>Layers to draw in the maps</source>
        <translation>지도에 그릴 레이어</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>보고서</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 파일 (*.pdf)</translation>
    </message>
    <message>
        <source>AIS vessels expected but not seen (from Dark vessels)</source>
        <translation>예상되었으나 탐지되지 않은 AIS 선박 (암흑 선박 탐지의 출력)</translation>
    </message>
    <message>
        <source>Number of pages</source>
        <translation>페이지 수</translation>
    </message>
    <message>
        <source>OUTPUT is empty: give the path of the PDF to write</source>
        <translation>OUTPUT이 비어 있습니다. 쓸 PDF 파일의 경로를 지정하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT {path}: its folder does not exist; choose an existing folder</source>
        <translation>OUTPUT {path}: 폴더가 없습니다. 존재하는 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>{pages} pages laid out; exporting the PDF</source>
        <translation>{pages}페이지를 배치했습니다. PDF로 내보내는 중입니다.</translation>
    </message>
    <message>
        <source>OUTPUT {path} could not be written: {error}; choose a writable folder</source>
        <translation>OUTPUT {path}에 쓸 수 없습니다: {error}. 쓰기 가능한 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT {path} could not be written ({error}); choose a writable folder with space</source>
        <translation>OUTPUT {path}에 쓸 수 없습니다({error}). 공간이 있는 쓰기 가능한 폴더를 선택하십시오.</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written</source>
        <translation>취소되었습니다. 아무것도 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>Wrote {path} ({pages} pages)</source>
        <translation>{path}에 썼습니다({pages}페이지).</translation>
    </message>
    <message>
        <source>Monitoring report: {zones}</source>
        <translation>모니터링 보고서: {zones}</translation>
    </message>
    <message>
        <source>Monitoring report: {n} zones</source>
        <translation>모니터링 보고서: 구역 {n}개</translation>
    </message>
    <message>
        <source>(not given: the plugin's monitoring areas)</source>
        <translation>(지정하지 않음: 플러그인의 모니터링 구역)</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(지정하지 않음)</translation>
    </message>
    <message>
        <source>Package project for sharing</source>
        <translation>공유용 프로젝트 패키지 만들기</translation>
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
        <source>&lt;p&gt;Makes a TARGET scene radiometrically comparable to a REFERENCE scene (relative radiometric normalisation), as in Canty, Nielsen &amp;amp; Schmidt (Remote Sensing of Environment 91, 2004) and Canty's radcal: a time series of optical scenes normalised to one reference can be compared before change statistics per zone.&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;iMAD (see Change detection) finds the pixels that did not change: those whose no-change probability is at least NOCHANGE_PROB (default 0.95).&lt;/li&gt;
&lt;li&gt;A third of them, drawn at random (SEED), is held out. On the other two thirds each reference band is fitted on the target band by orthogonal regression (the principal axis, which allows for noise in both scenes, unlike least squares).&lt;/li&gt;
&lt;li&gt;OUTPUT: the target, normalised band by band (intercept + slope x target), float32 on the reference's grid; nodata where either scene is nodata.&lt;/li&gt;
&lt;li&gt;OUTPUT_REPORT: one row per band: slope, intercept, correlation, and on the held-out pixels the means and the p-values of a t-test of equal means and an F-test of equal variances. p &amp;gt; 0.05 on both says the normalised target and the reference agree on no-change pixels.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;The two scenes need the same number of bands (BANDS_REFERENCE / BANDS_TARGET choose them).&lt;/p&gt;</source>
        <translation>&lt;p&gt;TARGET 영상을 REFERENCE 영상과 방사적으로 비교할 수 있게 만듭니다(상대 방사 정규화). Canty, Nielsen &amp;amp; Schmidt(Remote Sensing of Environment 91, 2004)와 Canty의 radcal을 따릅니다. 광학 영상 시계열을 하나의 기준 영상에 맞춰 정규화하면 구역별 변화 통계를 내기 전에 서로 비교할 수 있습니다.&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;iMAD(변화 탐지 참조)로 변하지 않은 화소, 즉 변화 없음 확률이 NOCHANGE_PROB(기본값 0.95) 이상인 화소를 찾습니다.&lt;/li&gt;
&lt;li&gt;그중 3분의 1을 무작위로(SEED) 골라 검증용으로 떼어 둡니다. 나머지 3분의 2에서 기준 영상의 각 밴드를 대상 영상의 밴드에 직교 회귀(주축 회귀. 최소제곱법과 달리 두 영상 모두의 잡음을 고려)로 적합합니다.&lt;/li&gt;
&lt;li&gt;OUTPUT: 밴드별로 정규화한 대상 영상(절편 + 기울기 x 대상), 기준 영상 격자 위의 float32. 어느 한 영상이 nodata인 곳은 nodata입니다.&lt;/li&gt;
&lt;li&gt;OUTPUT_REPORT: 밴드마다 한 행. 기울기, 절편, 상관계수, 그리고 검증용 화소에서의 평균과, 평균이 같은지에 대한 t-검정 및 분산이 같은지에 대한 F-검정의 p-값. 두 p-값이 모두 &amp;gt; 0.05이면 정규화한 대상 영상과 기준 영상이 변화 없는 화소에서 일치한다는 뜻입니다.&lt;/li&gt;
&lt;/ul&gt;
&lt;p&gt;두 영상의 밴드 수가 같아야 합니다(BANDS_REFERENCE / BANDS_TARGET으로 선택).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Relative radiometric normalisation (iMAD)</source>
        <translation>상대 방사 정규화 (iMAD)</translation>
    </message>
    <message>
        <source>Relative radiometric normalisation (iMAD)…</source>
        <translation>상대 방사 정규화 (iMAD)…</translation>
    </message>
    <message>
        <source>Reference scene</source>
        <translation>기준 영상</translation>
    </message>
    <message>
        <source>Target scene (to normalise)</source>
        <translation>대상 영상 (정규화할 영상)</translation>
    </message>
    <message>
        <source>Bands of the reference (default all)</source>
        <translation>기준 영상의 밴드 (기본값: 모든 밴드)</translation>
    </message>
    <message>
        <source>Bands of the target (default all)</source>
        <translation>대상 영상의 밴드 (기본값: 모든 밴드)</translation>
    </message>
    <message>
        <source>No-change probability at least</source>
        <translation>변화 없음 확률의 최솟값</translation>
    </message>
    <message>
        <source>Random seed of the held-out third</source>
        <translation>검증용 3분의 1을 고르는 난수 시드</translation>
    </message>
    <message>
        <source>Normalised target</source>
        <translation>정규화한 대상 영상</translation>
    </message>
    <message>
        <source>Normalisation report</source>
        <translation>정규화 보고서</translation>
    </message>
    <message>
        <source>{label}: choose a raster file or GDAL dataset (save other layers as GeoTIFF first)</source>
        <translation>{label}: 래스터 파일이나 GDAL 데이터셋을 선택하십시오(다른 레이어는 먼저 GeoTIFF로 저장하십시오).</translation>
    </message>
    <message>
        <source>Normalisation was cancelled; no output was written</source>
        <translation>정규화가 취소되었습니다. 출력은 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>{used} no-change pixels used; {passed} of {bands} bands pass both held-out tests (p &gt; 0.05)</source>
        <translation>변화 없는 화소 {used}개를 사용했습니다. 밴드 {bands}개 중 {passed}개가 검증용 화소의 두 검정을 모두 통과했습니다(p &gt; 0.05).</translation>
    </message>
    <message>
        <source>OUTPUT_REPORT: the table could not be created; choose another file</source>
        <translation>OUTPUT_REPORT: 표를 만들 수 없습니다. 다른 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>OUTPUT_REPORT: a row could not be written ({error}); choose another file</source>
        <translation>OUTPUT_REPORT: 행을 쓸 수 없습니다({error}). 다른 파일을 선택하십시오.</translation>
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
        <source>{param} has no field '{field}' (fields: {fields}); choose the layer written by the algorithm named in its description</source>
        <translation>{param}에 '{field}' 필드가 없습니다(필드: {fields}). 매개변수 설명에 적힌 알고리즘이 쓴 레이어를 선택하십시오.</translation>
    </message>
    <message>
        <source>zone {n}</source>
        <translation>구역 {n}</translation>
    </message>
    <message>
        <source>not a file ({provider} layer)</source>
        <translation>파일이 아님 ({provider} 레이어)</translation>
    </message>
    <message>
        <source>No map: the zones have no geometry and no LAYERS were given.</source>
        <translation>지도 없음: 구역에 도형이 없고 LAYERS도 지정하지 않았습니다.</translation>
    </message>
    <message>
        <source>hectares</source>
        <translation>헥타르</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>변화</translation>
    </message>
    <message>
        <source>brighter</source>
        <translation>밝아짐</translation>
    </message>
    <message>
        <source>darker</source>
        <translation>어두워짐</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>자료 없음</translation>
    </message>
    <message>
        <source>Zone: {name}</source>
        <translation>구역: {name}</translation>
    </message>
    <message>
        <source>This zone is not in ZONES: the map shows every zone.</source>
        <translation>이 구역은 ZONES에 없습니다. 지도에는 모든 구역을 표시합니다.</translation>
    </message>
    <message>
        <source>Vessels</source>
        <translation>선박</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>출처 및 처리 이력</translation>
    </message>
    <message>
        <source>QGIS could not export the layout (error {code})</source>
        <translation>QGIS가 레이아웃을 내보내지 못했습니다(오류 {code})</translation>
    </message>
    <message>
        <source>Period covered: the inputs hold no dates (ZONE_SERIES, PORT_CALLS, DETECTIONS)</source>
        <translation>대상 기간: 입력에 날짜가 없습니다 (ZONE_SERIES, PORT_CALLS, DETECTIONS)</translation>
    </message>
    <message>
        <source>Period covered: {first} to {last} UTC</source>
        <translation>대상 기간: {first} ~ {last} UTC</translation>
    </message>
    <message>
        <source>not given ({param})</source>
        <translation>지정하지 않음 ({param})</translation>
    </message>
    <message>
        <source>Zones: {n}</source>
        <translation>구역 수: {n}</translation>
    </message>
    <message>
        <source>Port calls: {n}</source>
        <translation>입항 기록: {n}</translation>
    </message>
    <message>
        <source>Ship detections: {n}</source>
        <translation>선박 탐지: {n}</translation>
    </message>
    <message>
        <source>Dark vessels: {n}</source>
        <translation>암흑 선박: {n}</translation>
    </message>
    <message>
        <source>AIS vessels expected but not seen: {n}</source>
        <translation>예상되었으나 탐지되지 않은 AIS 선박: {n}</translation>
    </message>
    <message>
        <source>Change (CHANGE_ZONE_STATS)</source>
        <translation>변화 (CHANGE_ZONE_STATS)</translation>
    </message>
    <message>
        <source>No change figures: CHANGE_ZONE_STATS was not given.</source>
        <translation>변화 수치 없음: CHANGE_ZONE_STATS를 지정하지 않았습니다.</translation>
    </message>
    <message>
        <source>No change figures for this zone in CHANGE_ZONE_STATS.</source>
        <translation>CHANGE_ZONE_STATS에 이 구역의 변화 수치가 없습니다.</translation>
    </message>
    <message>
        <source>Valid area: {v} m²</source>
        <translation>유효 면적: {v} m²</translation>
    </message>
    <message>
        <source>Changed area: {v} m²</source>
        <translation>변화 면적: {v} m²</translation>
    </message>
    <message>
        <source>Changed: {v} %</source>
        <translation>변화 비율: {v} %</translation>
    </message>
    <message>
        <source>Change regions: {v}</source>
        <translation>변화 영역 수: {v}</translation>
    </message>
    <message>
        <source>Radar change over time (ZONE_SERIES)</source>
        <translation>시간에 따른 레이더 변화 (ZONE_SERIES)</translation>
    </message>
    <message>
        <source>No activity series: ZONE_SERIES was not given.</source>
        <translation>활동 시계열 없음: ZONE_SERIES를 지정하지 않았습니다.</translation>
    </message>
    <message>
        <source>No activity series for this zone in ZONE_SERIES.</source>
        <translation>ZONE_SERIES에 이 구역의 활동 시계열이 없습니다.</translation>
    </message>
    <message>
        <source>interval</source>
        <translation>구간</translation>
    </message>
    <message>
        <source>changed m²</source>
        <translation>변화 m²</translation>
    </message>
    <message>
        <source>brighter m²</source>
        <translation>밝아짐 m²</translation>
    </message>
    <message>
        <source>darker m²</source>
        <translation>어두워짐 m²</translation>
    </message>
    <message>
        <source>changed %</source>
        <translation>변화 %</translation>
    </message>
    <message>
        <source>vessel</source>
        <translation>선박</translation>
    </message>
    <message>
        <source>arrival UTC</source>
        <translation>입항 UTC</translation>
    </message>
    <message>
        <source>departure UTC</source>
        <translation>출항 UTC</translation>
    </message>
    <message>
        <source>dwell h</source>
        <translation>체류 시간(h)</translation>
    </message>
    <message>
        <source>port</source>
        <translation>항구</translation>
    </message>
    <message>
        <source>No port calls: PORT_CALLS was not given.</source>
        <translation>입항 기록 없음: PORT_CALLS를 지정하지 않았습니다.</translation>
    </message>
    <message>
        <source>No port calls in this period.</source>
        <translation>이 기간에는 입항 기록이 없습니다.</translation>
    </message>
    <message>
        <source>... and {n} more on the vessels page</source>
        <translation>... 나머지 {n}건은 선박 페이지에 있습니다</translation>
    </message>
    <message>
        <source>Port calls (PORT_CALLS)</source>
        <translation>입항 기록 (PORT_CALLS)</translation>
    </message>
    <message>
        <source>Dark vessels: detections without AIS (DETECTIONS)</source>
        <translation>AIS 미송출 선박 (암흑 선박): AIS 없는 탐지 (DETECTIONS)</translation>
    </message>
    <message>
        <source>No ship detections: DETECTIONS was not given.</source>
        <translation>선박 탐지 없음: DETECTIONS를 지정하지 않았습니다.</translation>
    </message>
    <message>
        <source>{n} ship detections, {matched} matched to AIS, {dark} dark</source>
        <translation>선박 탐지 {n}개: AIS와 매칭된 탐지 {matched}개, 암흑 선박 {dark}개</translation>
    </message>
    <message>
        <source>No dark vessels in this period.</source>
        <translation>이 기간에는 암흑 선박이 없습니다.</translation>
    </message>
    <message>
        <source>detection</source>
        <translation>탐지</translation>
    </message>
    <message>
        <source>lat, lon</source>
        <translation>위도, 경도</translation>
    </message>
    <message>
        <source>length m</source>
        <translation>길이 m</translation>
    </message>
    <message>
        <source>time UTC</source>
        <translation>시각 UTC</translation>
    </message>
    <message>
        <source>nearest port area</source>
        <translation>가장 가까운 항만 구역</translation>
    </message>
    <message>
        <source>km</source>
        <translation>거리 km</translation>
    </message>
    <message>
        <source>AIS vessels expected but not seen (MISSED)</source>
        <translation>예상되었으나 탐지되지 않은 AIS 선박 (MISSED)</translation>
    </message>
    <message>
        <source>Not checked: MISSED was not given.</source>
        <translation>확인하지 않음: MISSED를 지정하지 않았습니다.</translation>
    </message>
    <message>
        <source>Every AIS vessel expected in the scene was seen.</source>
        <translation>영상에 있을 것으로 예상된 AIS 선박을 모두 탐지했습니다.</translation>
    </message>
    <message>
        <source>MMSI</source>
        <translation>MMSI 번호</translation>
    </message>
    <message>
        <source>predicted lat, lon</source>
        <translation>예측 위도, 경도</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>path: {path}</source>
        <translation>경로: {path}</translation>
    </message>
    <message>
        <source>SHA-256: {sum}</source>
        <translation>SHA-256 체크섬: {sum}</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>Software</source>
        <translation>소프트웨어</translation>
    </message>
    <message>
        <source>Data credits</source>
        <translation>데이터 출처 표기</translation>
    </message>
    <message>
        <source>The inputs name no data sources.</source>
        <translation>입력에 명시된 데이터 출처가 없습니다.</translation>
    </message>
    <message>
        <source>Linear intensity</source>
        <translation>선형 강도</translation>
    </message>
    <message>
        <source>Amplitude (DN, squared to intensity)</source>
        <translation>진폭 (DN, 제곱하여 강도로 변환)</translation>
    </message>
    <message>
        <source>Decibels</source>
        <translation>데시벨</translation>
    </message>
    <message>
        <source>&lt;p&gt;Finds, for each pixel of a series of co-registered radar scenes (Sentinel-1 GRD, one per date), whether its backscatter changed, between which dates, and in which direction, with the changed area per zone over time. Radar sees through cloud, every 12 days or less.&lt;/p&gt;
&lt;h3&gt;Method&lt;/h3&gt;
&lt;p&gt;The sequential omnibus test of Conradsen, Nielsen &amp;amp; Skriver (IEEE TGRS 54(5), 2016), as in Canty's sar_seq.py: for the image at position j since the pixel's last change, the likelihood-ratio statistic R_j of "same backscatter as the images before it" has a known law (a chi-square mixture with rho_j and omega_2); an interval is a change when its p-value is &amp;lt;= ALPHA, and the next test starts from the changed image. Two bands are the dual-pol diagonal case (VV and VH intensities, f = 2), one band the single-pol case (f = 1). About one test per pixel and date.&lt;/p&gt;
&lt;h3&gt;Parameters&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;INPUT&lt;/b&gt;: one scene per date, on one grid (a scene on another grid is warped onto the first scene's grid, nearest neighbour, so each pixel stays one speckle sample). The scenes are sorted by date.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;DATES&lt;/b&gt;: optional ISO dates, comma-separated, in INPUT's order. Empty: from each file name (Sentinel-1 product name, YYYY-MM-DD or YYYYMMDD), then from the TIFFTAG_DATETIME or ACQUISITION_START_TIME metadata.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;BANDS&lt;/b&gt;: optional band numbers, one per polarisation (1,2 for VV,VH); default all bands, at most 2.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;UNITS&lt;/b&gt;: linear intensity, amplitude (squared to intensity) or decibels.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ENL&lt;/b&gt;: equivalent number of looks of the intensities (4.4 for Sentinel-1 IW GRD at 10 m; more for multi-looked or filtered data). 0 estimates it: on up to 5 dates spread over the series, the ratio mean²/variance of every 7x7 block of valid pixels (which equals the ENL over a homogeneous area and is lower over texture and edges), and the mode of those values. A wrong ENL makes the test too strict (ENL too low) or too eager (too high).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: significance level, the expected share of false changes per test (default 0.01).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;MEDIAN_FILTER&lt;/b&gt;: 3x3 median of the p-values before the decision, for noisy data.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ZONES&lt;/b&gt;: optional polygons; a field called "name" names each zone.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;Outputs&lt;/h3&gt;
&lt;p&gt;uint8 GeoTIFFs on the first scene's grid, 255 = nodata (a pixel nodata at any date). A scene that is nodata everywhere is skipped and reported.&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;First / last change&lt;/b&gt;: the interval (1..k-1) of the first and the last change, 0 = none.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Frequency&lt;/b&gt;: the number of changes.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Intervals&lt;/b&gt;: one band per interval (named with its two dates): 0 no change, 1 brighter (every band above the mean of the images since the last change), 2 darker, 3 mixed.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;p-values&lt;/b&gt; (optional): float32, the p-value that decided each interval; nodata -1.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Zone series&lt;/b&gt; (optional): one row per zone and interval, start and end as date-times (Temporal Controller ready), changed, brighter, darker and valid area (m²) and changed %.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;Chart&lt;/b&gt; (optional): changed area per zone over time, an HTML page (with the table) or a PNG, chosen by the file extension.&lt;/li&gt;
&lt;/ul&gt;</source>
        <translation>&lt;p&gt;날짜마다 하나씩인, 서로 정합된 레이더 영상 시계열(Sentinel-1 GRD)에서 화소마다 후방산란이 변했는지, 어느 날짜 사이에, 어느 방향으로 변했는지 찾고, 구역별 변화 면적을 시간에 따라 계산합니다. 레이더는 구름을 투과하며 12일 이하 간격으로 관측합니다.&lt;/p&gt;
&lt;h3&gt;방법&lt;/h3&gt;
&lt;p&gt;Conradsen, Nielsen &amp;amp; Skriver(IEEE TGRS 54(5), 2016)의 순차 옴니버스 검정으로, Canty의 sar_seq.py와 같습니다. 화소의 마지막 변화 이후 j번째 영상에 대해 "앞선 영상들과 후방산란이 같다"는 가설의 우도비 통계량 R_j는 알려진 분포(rho_j와 omega_2로 정해지는 카이제곱 혼합 분포)를 따릅니다. p-값이 &amp;lt;= ALPHA인 구간은 변화이며, 다음 검정은 변화한 영상에서 다시 시작합니다. 밴드가 두 개이면 이중 편파 대각 경우(VV와 VH 강도, f = 2), 하나이면 단일 편파 경우(f = 1)입니다. 검정은 화소와 날짜마다 대략 한 번입니다.&lt;/p&gt;
&lt;h3&gt;매개변수&lt;/h3&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;INPUT&lt;/b&gt;: 날짜마다 영상 하나, 모두 한 격자 위에 있어야 합니다(다른 격자의 영상은 첫 영상의 격자로 최근접 이웃 재투영하므로 각 화소는 스페클 표본 하나로 남습니다). 영상은 날짜순으로 정렬합니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;DATES&lt;/b&gt;: 선택 사항인 ISO 날짜. 쉼표로 구분하며 INPUT의 순서를 따릅니다. 비우면 각 파일 이름(Sentinel-1 제품 이름, YYYY-MM-DD 또는 YYYYMMDD)에서, 그다음 TIFFTAG_DATETIME 또는 ACQUISITION_START_TIME 메타데이터에서 읽습니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;BANDS&lt;/b&gt;: 선택 사항인 밴드 번호, 편파마다 하나(VV,VH는 1,2). 기본값은 모든 밴드이며 최대 2개입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;UNITS&lt;/b&gt;: 선형 강도, 진폭(제곱하여 강도로 변환) 또는 데시벨.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ENL&lt;/b&gt;: 강도의 등가 관측 수(10 m Sentinel-1 IW GRD는 4.4, 다중 관측 처리나 필터링을 거친 자료는 더 큼). 0이면 자료에서 추정합니다. 시계열 전체에 고르게 퍼진 최대 5개 날짜에서 유효 화소로 된 7x7 블록마다 평균²/분산 비(균질한 지역에서는 ENL과 같고, 질감이나 경계에서는 더 낮음)를 구하고, 그 값들의 최빈값을 씁니다. ENL이 틀리면 검정이 너무 엄격해지거나(ENL이 너무 낮을 때) 변화를 너무 쉽게 판정합니다(너무 높을 때).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: 유의수준. 검정마다 예상되는 거짓 변화의 비율(기본값 0.01).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;MEDIAN_FILTER&lt;/b&gt;: 판정 전에 p-값에 3x3 중앙값 필터를 적용합니다. 잡음이 많은 자료에 씁니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ZONES&lt;/b&gt;: 선택 사항인 폴리곤. "name"이라는 필드가 있으면 그 값이 구역의 이름이 됩니다.&lt;/li&gt;
&lt;/ul&gt;
&lt;h3&gt;출력&lt;/h3&gt;
&lt;p&gt;첫 영상의 격자 위의 uint8 GeoTIFF이며 255 = nodata(어느 날짜에서든 nodata인 화소)입니다. 모든 곳이 nodata인 영상은 건너뛰고 알립니다.&lt;/p&gt;
&lt;ul&gt;
&lt;li&gt;&lt;b&gt;첫 변화 / 마지막 변화&lt;/b&gt;: 첫 변화와 마지막 변화가 일어난 구간(1..k-1), 0 = 없음.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;빈도&lt;/b&gt;: 변화 횟수.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구간&lt;/b&gt;: 구간마다 밴드 하나(두 날짜로 이름 붙임). 0 변화 없음, 1 밝아짐(모든 밴드가 마지막 변화 이후 영상들의 평균보다 높음), 2 어두워짐, 3 혼합.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;p-값&lt;/b&gt; (선택 사항): float32. 각 구간을 판정한 p-값. nodata는 -1.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구역 시계열&lt;/b&gt; (선택 사항): 구역과 구간마다 한 행. 시작과 끝 날짜-시각(시간 컨트롤러에서 바로 사용 가능), 변화·밝아짐·어두워짐·유효 면적(m²), 변화 비율(%).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;차트&lt;/b&gt; (선택 사항): 구역별 변화 면적의 시간 변화. 파일 확장자에 따라 HTML 페이지(표 포함) 또는 PNG로 씁니다.&lt;/li&gt;
&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>the PNG could not be written</source>
        <translation>PNG를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>Radar change over time (Sentinel-1)</source>
        <translation>시간에 따른 레이더 변화 탐지 (Sentinel-1)</translation>
    </message>
    <message>
        <source>Radar change over time (Sentinel-1)…</source>
        <translation>시간에 따른 레이더 변화 탐지 (Sentinel-1)…</translation>
    </message>
    <message>
        <source>Radar scenes, one per date</source>
        <translation>레이더 영상 (날짜마다 하나)</translation>
    </message>
    <message>
        <source>Dates, comma-separated ISO, in INPUT's order (default: from names or metadata)</source>
        <translation>날짜 (쉼표로 구분한 ISO, INPUT 순서, 기본값: 파일 이름이나 메타데이터에서)</translation>
    </message>
    <message>
        <source>Bands, one per polarisation, e.g. 1,2 for VV,VH (default: all, at most 2)</source>
        <translation>밴드, 편파마다 하나 (예: VV,VH는 1,2, 기본값: 모든 밴드, 최대 2개)</translation>
    </message>
    <message>
        <source>Units of the scenes</source>
        <translation>영상의 단위</translation>
    </message>
    <message>
        <source>Equivalent number of looks (0 = estimate from the data)</source>
        <translation>등가 관측 수 ENL (0 = 자료에서 추정)</translation>
    </message>
    <message>
        <source>Significance level ALPHA</source>
        <translation>유의수준 ALPHA</translation>
    </message>
    <message>
        <source>3x3 median filter on the p-values</source>
        <translation>p-값에 3x3 중앙값 필터 적용</translation>
    </message>
    <message>
        <source>Zones (polygons with a name field)</source>
        <translation>구역 (name 필드가 있는 폴리곤)</translation>
    </message>
    <message>
        <source>First change (interval)</source>
        <translation>첫 변화 (구간)</translation>
    </message>
    <message>
        <source>Last change (interval)</source>
        <translation>마지막 변화 (구간)</translation>
    </message>
    <message>
        <source>Number of changes</source>
        <translation>변화 횟수</translation>
    </message>
    <message>
        <source>Change per interval (1 brighter, 2 darker, 3 mixed)</source>
        <translation>구간별 변화 (1 밝아짐, 2 어두워짐, 3 혼합)</translation>
    </message>
    <message>
        <source>p-values per interval</source>
        <translation>구간별 p-값</translation>
    </message>
    <message>
        <source>Zone change series</source>
        <translation>구역별 변화 시계열</translation>
    </message>
    <message>
        <source>Zone chart (HTML or PNG)</source>
        <translation>구역 차트 (HTML 또는 PNG)</translation>
    </message>
    <message>
        <source>HTML files (*.html);;PNG files (*.png)</source>
        <translation>HTML 파일 (*.html);;PNG 파일 (*.png)</translation>
    </message>
    <message>
        <source>INPUT {n} ('{name}') is not a GDAL raster; save it as a GeoTIFF first</source>
        <translation>INPUT {n}('{name}')은(는) GDAL 래스터가 아닙니다. 먼저 GeoTIFF로 저장하십시오.</translation>
    </message>
    <message>
        <source>BANDS '{text}' is not a list of band numbers; write e.g. 1,2</source>
        <translation>BANDS '{text}'은(는) 밴드 번호 목록이 아닙니다. 1,2처럼 쓰십시오.</translation>
    </message>
    <message>
        <source>zone {id}</source>
        <translation>구역 {id}</translation>
    </message>
    <message>
        <source>OUTPUT_ZONE_SERIES and OUTPUT_CHART need ZONES: choose a polygon layer of zones, or skip those outputs</source>
        <translation>OUTPUT_ZONE_SERIES와 OUTPUT_CHART에는 ZONES가 필요합니다. 구역 폴리곤 레이어를 선택하거나 이 출력들을 생략하십시오.</translation>
    </message>
    <message>
        <source>Radar change per zone</source>
        <translation>구역별 레이더 변화</translation>
    </message>
    <message>
        <source>Radar change was cancelled; no output was written</source>
        <translation>레이더 변화 탐지가 취소되었습니다. 출력은 쓰지 않았습니다.</translation>
    </message>
    <message>
        <source>estimated from the data</source>
        <translation>자료에서 추정</translation>
    </message>
    <message>
        <source>given</source>
        <translation>지정값</translation>
    </message>
    <message>
        <source>{k} dates used, {skipped} skipped as nodata everywhere; ENL {enl:.3g} ({source}); {valid} valid pixels</source>
        <translation>날짜 {k}개 사용, 모든 곳이 nodata여서 {skipped}개 건너뜀. ENL {enl:.3g} ({source}). 유효 화소 {valid}개</translation>
    </message>
    <message>
        <source>OUTPUT_ZONE_SERIES: the output could not be created; choose another file</source>
        <translation>OUTPUT_ZONE_SERIES: 출력을 만들 수 없습니다. 다른 파일을 선택하십시오.</translation>
    </message>
    <message>
        <source>First change</source>
        <translation>첫 변화</translation>
    </message>
    <message>
        <source>Last change</source>
        <translation>마지막 변화</translation>
    </message>
    <message>
        <source>Change per interval</source>
        <translation>구간별 변화</translation>
    </message>
    <message>
        <source>Amplitude (DN)</source>
        <translation>진폭 (DN)</translation>
    </message>
    <message>
        <source>Gaussian (SNAP two-parameter)</source>
        <translation>가우스 (SNAP 2-모수)</translation>
    </message>
    <message>
        <source>Gamma (speckle only)</source>
        <translation>감마 (스페클만)</translation>
    </message>
    <message>
        <source>K (textured sea clutter)</source>
        <translation>K (질감 있는 해면 클러터)</translation>
    </message>
    <message>
        <source>Log-normal</source>
        <translation>로그정규</translation>
    </message>
    <message>
        <source>Ships in a radar image (CFAR)</source>
        <translation>레이더 영상에서 선박 탐지 (CFAR)</translation>
    </message>
    <message>
        <source>Ships in a radar image (CFAR)…</source>
        <translation>레이더 영상에서 선박 탐지 (CFAR)…</translation>
    </message>
    <message>
        <source>Finds ships in a SAR image (e.g. a Sentinel-1 GRD measurement TIFF, georeferenced only by ground control points: it is warped through them onto UTM) with a constant-false-alarm-rate detector. Each pixel is compared with a threshold fitted to the sea around it: a square ring between the GUARD and BACKGROUND windows (metres, full sides), leaving out the guard area (the ship itself) and LAND (buffered by 10 m). A ready LAND mask is the 'Land (Natural Earth, coarse)' layer of rason:referencelayers; its coast is off by up to ~1.5 km near Rajin, so check ships at the quays by eye. PFA is the chance that a pixel of sea clutter passes. CLUTTER is the sea model: K (default; textured sea, chosen by measurement: its false-alarm rate holds on K-distributed clutter where Gaussian and Gamma let through far more and log-normal far fewer), Gaussian (ESA SNAP's adaptive threshold), Gamma, Log-normal.&lt;br&gt;&lt;br&gt;Several BANDS (e.g. VV and VH) are summed as linear intensities. UNITS says what the pixels hold; Sentinel-1 GRD DN are amplitudes (choose 'Amplitude (DN)'). Bright pixels within 20 m of each other are one ship. Ships shorter than MIN_LENGTH or longer than MAX_LENGTH are left out.&lt;br&gt;&lt;br&gt;Output: one point per ship at its centroid with det_id, length_m and width_m (from the second moments of its pixels), heading_deg (axis, 0-180 from grid north), peak_db and mean_db, n_pixels, score (peak over the mean sea clutter around it, dB) and acq_time (ACQUISITION_TIME, else the image's metadata or Sentinel-1 file name). The image is read in strips with a halo: memory stays bounded and results do not depend on the strip size.</source>
        <translation>합성개구레이더(SAR) 영상(예: 지상 기준점으로만 지리참조된 Sentinel-1 GRD 측정 TIFF. 이 경우 기준점을 통해 UTM으로 재투영합니다)에서 일정 오경보율(CFAR) 탐지기로 선박을 찾습니다. 각 화소를 그 주변 바다에 맞춘 임계값과 비교합니다. 주변 바다는 GUARD 창과 BACKGROUND 창(미터, 한 변의 전체 길이) 사이의 정사각형 고리이며, 보호 영역(선박 자체)과 LAND(10 m 버퍼 적용)는 뺍니다. 바로 쓸 수 있는 LAND 마스크는 rason:referencelayers의 '육지 (Natural Earth, 개략)' 레이어입니다. 라진 부근에서는 해안선이 최대 약 1.5 km 어긋나므로 부두의 선박은 눈으로 확인하십시오. PFA는 해면 클러터 화소 하나가 임계값을 넘을 확률입니다. CLUTTER는 바다 모형입니다. K(기본값. 질감 있는 바다. 측정으로 골랐습니다. K 분포 클러터에서 K는 오경보율을 지키지만 가우스와 감마는 훨씬 많이, 로그정규는 훨씬 적게 통과시킵니다), 가우스(ESA SNAP의 적응형 임계값), 감마, 로그정규 가운데 고릅니다.&lt;br&gt;&lt;br&gt;여러 BANDS(예: VV와 VH)는 선형 강도로 더합니다. UNITS는 화소 값이 무엇인지 나타냅니다. Sentinel-1 GRD의 DN은 진폭입니다('진폭 (DN)'을 선택하십시오). 서로 20 m 안에 있는 밝은 화소들은 한 선박입니다. MIN_LENGTH보다 짧거나 MAX_LENGTH보다 긴 선박은 제외합니다.&lt;br&gt;&lt;br&gt;출력: 선박마다 그 중심점에 점 하나. det_id, length_m과 width_m(화소들의 2차 모멘트에서 계산), heading_deg(축 방향, 격자 북쪽에서 0-180), peak_db와 mean_db, n_pixels, score(최댓값을 주변 해면 클러터의 평균과 비교한 값, dB), acq_time(ACQUISITION_TIME, 없으면 영상의 메타데이터나 Sentinel-1 파일 이름에서)이 들어갑니다. 영상은 가장자리 여유(halo)를 둔 띠 단위로 읽으므로 메모리 사용량이 일정 범위에 머물고, 결과는 띠 크기에 따라 달라지지 않습니다.</translation>
    </message>
    <message>
        <source>Radar image (SAR)</source>
        <translation>합성개구레이더 영상 (SAR)</translation>
    </message>
    <message>
        <source>Bands (default all)</source>
        <translation>밴드 (기본값: 모든 밴드)</translation>
    </message>
    <message>
        <source>Pixel values are</source>
        <translation>화소 값의 종류</translation>
    </message>
    <message>
        <source>Land to exclude (polygons, optional)</source>
        <translation>제외할 육지 (폴리곤, 선택 사항)</translation>
    </message>
    <message>
        <source>Acquisition time (ISO 8601, UTC; default from the image)</source>
        <translation>촬영 시각 (ISO 8601, UTC, 기본값: 영상에서 읽음)</translation>
    </message>
    <message>
        <source>False-alarm probability per pixel</source>
        <translation>화소당 오경보 확률</translation>
    </message>
    <message>
        <source>Sea clutter model</source>
        <translation>해면 클러터 모형</translation>
    </message>
    <message>
        <source>Guard window (m, side)</source>
        <translation>보호 창 (m, 한 변)</translation>
    </message>
    <message>
        <source>Background window (m, side)</source>
        <translation>배경 창 (m, 한 변)</translation>
    </message>
    <message>
        <source>Minimum ship length (m)</source>
        <translation>최소 선박 길이 (m)</translation>
    </message>
    <message>
        <source>Maximum ship length (m)</source>
        <translation>최대 선박 길이 (m)</translation>
    </message>
    <message>
        <source>Ships</source>
        <translation>선박</translation>
    </message>
    <message>
        <source>Ships found</source>
        <translation>찾은 선박 수</translation>
    </message>
    <message>
        <source>MAX_LENGTH ({max:g} m) must be larger than MIN_LENGTH ({min:g} m).</source>
        <translation>MAX_LENGTH({max:g} m)는 MIN_LENGTH({min:g} m)보다 커야 합니다.</translation>
    </message>
    <message>
        <source>BACKGROUND ({b:g} m) must be larger than GUARD ({g:g} m): the clutter is measured in the ring between them.</source>
        <translation>BACKGROUND({b:g} m)는 GUARD({g:g} m)보다 커야 합니다. 클러터는 그 사이의 고리에서 측정합니다.</translation>
    </message>
    <message>
        <source>INPUT: the raster could not be opened; choose a SAR image.</source>
        <translation>INPUT: 래스터를 열 수 없습니다. SAR 영상을 선택하십시오.</translation>
    </message>
    <message>
        <source>No acquisition time: the image's metadata and file name hold none. Give ACQUISITION_TIME (ISO 8601, e.g. 2022-06-12T17:33:29Z).</source>
        <translation>촬영 시각이 없습니다. 영상의 메타데이터와 파일 이름에 시각이 없습니다. ACQUISITION_TIME을 지정하십시오(ISO 8601, 예: 2022-06-12T17:33:29Z).</translation>
    </message>
    <message>
        <source>{n} land polygons excluded (buffered by {b:g} m).</source>
        <translation>육지 폴리곤 {n}개를 제외했습니다({b:g} m 버퍼 적용).</translation>
    </message>
    <message>
        <source>The image holds integers: Sentinel-1 GRD DN are amplitudes. If so, choose 'Amplitude (DN)' for UNITS.</source>
        <translation>영상에 정수 값이 들어 있습니다. Sentinel-1 GRD의 DN은 진폭입니다. 그렇다면 UNITS에 '진폭 (DN)'을 선택하십시오.</translation>
    </message>
    <message>
        <source>Grid {w} x {h} pixels of {px:.2f} m, warped through the image's georeferencing.</source>
        <translation>격자 {w} x {h} 화소, 화소 크기 {px:.2f} m. 영상의 지리참조를 통해 재투영했습니다.</translation>
    </message>
    <message>
        <source>Grid {w} x {h} pixels of {px:.2f} m.</source>
        <translation>격자 {w} x {h} 화소, 화소 크기 {px:.2f} m.</translation>
    </message>
    <message>
        <source>{n} ships found.</source>
        <translation>선박 {n}척을 찾았습니다.</translation>
    </message>
    <message>
        <source>LAND is generalised (Natural Earth 1:10m): its coast lies a median ~180 m and up to ~1.5 km near Rajin from the real one. Ships at the quays may be cut off as land, and land near the quays may give false ships: check them by eye.</source>
        <translation>LAND는 일반화된 자료(Natural Earth 1:10m)입니다. 해안선이 실제 해안선에서 중앙값 약 180 m, 라진 부근에서는 최대 약 1.5 km 떨어져 있습니다. 부두에 있는 선박이 육지로 잘려 나가거나, 부두 부근의 육지가 거짓 선박으로 탐지될 수 있으니 눈으로 확인하십시오.</translation>
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
&lt;li&gt;&lt;b&gt;Spatial context&lt;/b&gt; (SPATIAL, advanced): &lt;i&gt;Markov random field&lt;/i&gt; (default) re-labels each pixel from the chi-square likelihood of no change, a gamma law fitted to the flagged pixels, and a Potts prior on its 8 neighbours (MRF_BETA, default 1.5), by iterated conditional modes (Besag 1986); alone, a pixel keeps the threshold's decision. &lt;i&gt;Majority filter&lt;/i&gt;: the majority label of a SPATIAL_SIZE x SPATIAL_SIZE window (it erases objects of a few pixels). On the labelled Nanjing Landsat pair the MRF raised iMAD's kappa from 0.750 to 0.778 (README, make bench-accuracy). The MRF needs MAD/iMAD's chi-square statistic: for CVA, Difference and Log-ratio it leaves the mask as the threshold made it.&lt;/li&gt;
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
&lt;li&gt;&lt;b&gt;BEFORE / AFTER&lt;/b&gt;: 두 영상. GDAL로 읽을 수 있는 모든 래스터(/vsizip/, /vsicurl/ COG, GPKG:..., NETCDF:..., VRT도 가능). 좌표계, 범위 또는 해상도가 다르면 AFTER를 겹치는 영역에서 BEFORE의 격자로 재투영합니다(리샘플링, 고급 설정). 재투영할 때 nodata 화소를 참조한 화소는 nodata가 됩니다. 겹치는 영역이 없으면 오류입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;밴드&lt;/b&gt;: 선택 사항인 밴드 목록(기본값은 알파 밴드를 뺀 모든 밴드. 알파 밴드는 어느 화소가 가려졌는지만 나타냅니다). 예를 들어 권운(cirrus) 밴드나 QA 밴드를 뺄 수 있습니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;임계값&lt;/b&gt;: 통계량에서 변화 마스크를 나누는 방법. &lt;i&gt;자동&lt;/i&gt;은 MAD/iMAD에는 카이제곱 검정, 그 밖에는 EM을 씁니다. 변화를 알고 있고 밴드별 이득/오프셋 변동을 준 합성 영상 쌍에서 알파 0.0001의 카이제곱 검정을 쓴 iMAD는 F1 0.99-1.00(Otsu 0.81-0.99, EM 0.95-0.97)을 보였고, CVA에서는 EM이 Otsu보다 나았습니다(F1 0.99-1.00 대 0.96-1.00). &lt;i&gt;카이제곱 유의성&lt;/i&gt;: 변화가 없다는 가정에서 통계량이 나올 확률이 ALPHA(예상 오경보율)보다 작으면 변화 화소입니다. &lt;i&gt;Otsu&lt;/i&gt;: 집단 간 분산이 가장 큰 히스토그램 분할. &lt;i&gt;EM&lt;/i&gt;: 기댓값 최대화로 적합한 두 정규분포 혼합 모형을 두 집단의 가능성이 같아지는 곳에서 나눕니다. &lt;i&gt;수동&lt;/i&gt;: 통계량이 MANUAL_THRESHOLD를 넘는 곳이 변화입니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;ALPHA&lt;/b&gt;: 카이제곱 검정의 유의수준(기본값 0.0001).&lt;/li&gt;
&lt;li&gt;&lt;b&gt;구역&lt;/b&gt;: 선택 사항인 폴리곤(예: 라선 모니터링 구역). "name"이라는 필드가 있으면 그 값이 구역의 이름이 됩니다. 구역 통계는 구역마다 유효 면적과 변화 면적(m2 및 %), 그리고 그 구역에 닿는 변화 영역의 수를 제공합니다.&lt;/li&gt;
&lt;li&gt;&lt;b&gt;공간 맥락&lt;/b&gt; (SPATIAL, 고급 설정): &lt;i&gt;마르코프 랜덤 필드&lt;/i&gt;(기본값)는 변화 없음의 카이제곱 우도, 변화로 표시된 화소에 적합한 감마 분포, 그리고 8개 이웃에 대한 Potts 사전분포(MRF_BETA, 기본값 1.5)를 써서 반복 조건부 최빈값(ICM, iterated conditional modes) 방식으로(Besag 1986) 각 화소의 레이블을 다시 정합니다. 이웃의 영향이 없다면 화소는 임계값의 판정을 그대로 따릅니다. &lt;i&gt;다수결 필터&lt;/i&gt;: SPATIAL_SIZE x SPATIAL_SIZE 창에서 다수인 레이블을 씁니다(몇 화소 크기의 객체는 지워집니다). 레이블이 있는 난징(Nanjing) Landsat 영상 쌍에서 MRF는 iMAD의 카파를 0.750에서 0.778로 높였습니다(README, make bench-accuracy). MRF에는 MAD/iMAD의 카이제곱 통계량이 필요하므로 CVA, 차분, 로그 비에서는 마스크를 임계값이 만든 그대로 둡니다.&lt;/li&gt;
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
        <source>Matches ships found in a radar image (the output of 'Ships in a radar image (CFAR)') to AIS positions moved to the image time; detections left without a partner are 'dark'. Each vessel is placed by interpolating between its fixes around the image time, or extrapolated along its track, only from fixes within MAX_TIME_GAP minutes.&lt;br&gt;&lt;br&gt;SAR shows a moving ship off its true position, along the flight direction, by (R/V) times its speed toward the radar (the velocity along the look direction times sin(incidence)); at R/V = 115 s a ship at 10 kn heading toward the radar appears about 340 m forward. With PLATFORM_HEADING (the satellite's flight heading, degrees; the radar looks to the right) this shift is applied to the AIS positions; without it, moving vessels get a match distance widened by the largest shift their speed allows.&lt;br&gt;&lt;br&gt;Matching is one-to-one and global (Hungarian method): as many pairs as possible within MATCH_DISTANCE, with the least total distance. OUTPUT: the detections with status ('matched' or 'dark'), mmsi, vessel_name, match_distance_m and ais_time_gap_s. OUTPUT_MISSED: AIS vessels whose position at the image time lies on valid sea pixels of SCENE (off LAND) with no detection: switched-off radar visibility, small or misplaced vessels. Without SCENE it stays empty.</source>
        <translation type="vanished">레이더 영상에서 찾은 선박('레이더 영상에서 선박 탐지 (CFAR)'의 출력)을 영상 시각으로 옮긴 AIS 위치와 매칭합니다. 매칭되지 않은 탐지는 'dark', 즉 AIS 미송출 선박(암흑 선박)입니다. 각 선박의 위치는 영상 시각 전후의 위치 보고 사이를 보간하거나 항적을 따라 외삽하여 정하며, 영상 시각에서 MAX_TIME_GAP분 이내의 보고만 사용합니다.&lt;br&gt;&lt;br&gt;합성개구레이더(SAR) 영상에서 움직이는 선박은 실제 위치에서 비행 방향으로 (R/V) 곱하기 레이더 쪽으로 향하는 속도(관측 방향의 속도 성분 곱하기 sin(입사각))만큼 어긋나 보입니다. R/V = 115초일 때 10노트로 레이더 쪽을 향해 가는 선박은 약 340 m 앞쪽에 나타납니다. PLATFORM_HEADING(위성의 비행 방위, 도. 레이더는 오른쪽을 관측)을 지정하면 이 변위를 AIS 위치에 적용하고, 지정하지 않으면 움직이는 선박의 매칭 거리를 그 속력에서 나올 수 있는 최대 변위만큼 넓힙니다.&lt;br&gt;&lt;br&gt;매칭은 일대일이며 전역적입니다(헝가리안 방법). MATCH_DISTANCE 안에서 가능한 한 많은 쌍을 총 거리가 가장 작도록 만듭니다. OUTPUT: 상태('matched' 또는 'dark'), mmsi, vessel_name, match_distance_m, ais_time_gap_s가 붙은 탐지. OUTPUT_MISSED: 영상 시각의 위치가 SCENE의 유효한 바다 화소 위(LAND 밖)에 있는데도 탐지되지 않은 AIS 선박. 레이더에 보이지 않았거나, 작거나, 위치가 잘못된 선박입니다. SCENE이 없으면 비어 있습니다.</translation>
    </message>
    <message>
        <source>Finds ships in a SAR image (e.g. a Sentinel-1 GRD measurement TIFF, georeferenced only by ground control points: it is warped through them onto UTM) with a constant-false-alarm-rate detector. Each pixel is compared with a threshold fitted to the sea around it: a square ring between the GUARD and BACKGROUND windows (metres, full sides), leaving out the guard area (the ship itself) and LAND (buffered by 10 m). PFA is the chance that a pixel of sea clutter passes. CLUTTER is the sea model: K (default; textured sea, chosen by measurement: its false-alarm rate holds on K-distributed clutter where Gaussian and Gamma let through far more and log-normal far fewer), Gaussian (ESA SNAP's adaptive threshold), Gamma, Log-normal.&lt;br&gt;&lt;br&gt;Several BANDS (e.g. VV and VH) are summed as linear intensities. UNITS says what the pixels hold; Sentinel-1 GRD DN are amplitudes (choose 'Amplitude (DN)'). Bright pixels within 20 m of each other are one ship. Ships shorter than MIN_LENGTH or longer than MAX_LENGTH are left out.&lt;br&gt;&lt;br&gt;Output: one point per ship at its centroid with det_id, length_m and width_m (from the second moments of its pixels), heading_deg (axis, 0-180 from grid north), peak_db and mean_db, n_pixels, score (peak over the mean sea clutter around it, dB) and acq_time (ACQUISITION_TIME, else the image's metadata or Sentinel-1 file name). The image is read in strips with a halo: memory stays bounded and results do not depend on the strip size.</source>
        <translation type="vanished">합성개구레이더(SAR) 영상(예: 지상 기준점으로만 지리참조된 Sentinel-1 GRD 측정 TIFF. 이 경우 기준점을 통해 UTM으로 재투영합니다)에서 일정 오경보율(CFAR) 탐지기로 선박을 찾습니다. 각 화소를 그 주변 바다에 맞춘 임계값과 비교합니다. 주변 바다는 GUARD 창과 BACKGROUND 창(미터, 한 변의 전체 길이) 사이의 정사각형 고리이며, 보호 영역(선박 자체)과 LAND(10 m 버퍼 적용)는 뺍니다. PFA는 해면 클러터 화소 하나가 임계값을 넘을 확률입니다. CLUTTER는 바다 모형입니다. K(기본값. 질감 있는 바다. 측정으로 골랐습니다. K 분포 클러터에서 K는 오경보율을 지키지만 가우스와 감마는 훨씬 많이, 로그정규는 훨씬 적게 통과시킵니다), 가우스(ESA SNAP의 적응형 임계값), 감마, 로그정규 가운데 고릅니다.&lt;br&gt;&lt;br&gt;여러 BANDS(예: VV와 VH)는 선형 강도로 더합니다. UNITS는 화소 값이 무엇인지 나타냅니다. Sentinel-1 GRD의 DN은 진폭입니다('진폭 (DN)'을 선택하십시오). 서로 20 m 안에 있는 밝은 화소들은 한 선박입니다. MIN_LENGTH보다 짧거나 MAX_LENGTH보다 긴 선박은 제외합니다.&lt;br&gt;&lt;br&gt;출력: 선박마다 그 중심점에 점 하나. det_id, length_m과 width_m(화소들의 2차 모멘트에서 계산), heading_deg(축 방향, 격자 북쪽에서 0-180), peak_db와 mean_db, n_pixels, score(최댓값을 주변 해면 클러터의 평균과 비교한 값, dB), acq_time(ACQUISITION_TIME, 없으면 영상의 메타데이터나 Sentinel-1 파일 이름에서)이 들어갑니다. 영상은 가장자리 여유(halo)를 둔 띠 단위로 읽으므로 메모리 사용량이 일정 범위에 머물고, 결과는 띠 크기에 따라 달라지지 않습니다.</translation>
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
