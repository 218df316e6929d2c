#!/usr/bin/env bash
# make test-matrix: the whole suite on newer QGIS, each in a Debian root built with debootstrap.
#   trixie: QGIS 3.40 LTR, Python 3.13, numpy 2.2
#   sid:    QGIS 3.44,     Python 3.14, numpy 2.4
# Each root is built once and cached under $RASON_ROOTS (default /var/cache/rason); a build that
# did not finish is never reused (it is built under a temporary name and renamed when complete).
# The suite runs from a fresh `git clone` of this repository's HEAD inside the root, so what is
# tested is what is committed. MATRIX_WORKTREE=1 also copies the uncommitted changes (development).
#
# Needs root (debootstrap, chroot, mounts). Usage: make test-matrix [SUITES="trixie sid"]
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
CACHE=${RASON_ROOTS:-/var/cache/rason}
SUITES=${SUITES:-trixie sid}
PACKAGES=qgis,python3-qgis,qgis-providers,python3-gdal,gdal-bin,python3-pyqt5,python3-numpy,python3-scipy,python3-venv,python3-pip,poppler-utils,xvfb,make,git,ca-certificates,locales
STAMP_TEXT="packages=$PACKAGES"

if [ "$(id -u)" -ne 0 ]; then
    echo "test-matrix: needs root (debootstrap, chroot and mounts). Run it as root, e.g. 'sudo make test-matrix'." >&2
    exit 1
fi
if ! command -v debootstrap >/dev/null 2>&1; then
    echo "test-matrix: installing debootstrap"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
fi

# The machine's own Debian mirror (deb822 or one-line sources), so roots come from the same servers.
mirror() {
    local m
    m=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
    if [ -z "$m" ]; then
        m=$(awk '$1=="deb"{for(i=2;i<=NF;i++) if($i ~ /^https?:/){print $i; exit}}' \
            /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | head -n1 || true)
    fi
    echo "${m:-http://deb.debian.org/debian}"
}

mounted=()
cleanup() {
    local i
    for ((i=${#mounted[@]}-1; i>=0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null || true; done
    mounted=()
}
trap cleanup EXIT

mount_root() {  # proc and dev inside the root, undone by cleanup (never rm -rf a root with them mounted)
    local root=$1
    mount -t proc proc "$root/proc" && mounted+=("$root/proc")
    mount --bind /dev "$root/dev" && mounted+=("$root/dev")
}

trust_host_certificates() {  # pip inside the root fails TLS without the machine's own CA certificates
    local root=$1
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
        mkdir -p "$root/usr/local/share/ca-certificates"
        cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    fi
    chroot "$root" update-ca-certificates >/dev/null 2>&1 || true
    # The host's pip settings (certificate bundle, local wheel folders that do not exist in the
    # root are harmless) keep pip behaving as it does for `make test` on the host.
    [ -f /etc/pip.conf ] && cp /etc/pip.conf "$root/etc/pip.conf"
    return 0
}

build_root() {
    local suite=$1 root=$CACHE/$suite
    if [ -f "$root/.rason-root" ] && [ "$(cat "$root/.rason-root")" = "$STAMP_TEXT" ]; then
        echo "test-matrix: $suite root cached at $root"
        return 0
    fi
    local tmp=$CACHE/.$suite.building
    if [ -d "$tmp" ]; then
        umount -l "$tmp/proc" 2>/dev/null || true; umount -l "$tmp/dev" 2>/dev/null || true
        rm -rf --one-file-system "$tmp"
    fi
    mkdir -p "$CACHE"
    echo "test-matrix: building the $suite root (about 3 minutes, once)"
    debootstrap --variant=minbase --include="$PACKAGES" "$suite" "$tmp" "$(mirror)" \
        > "$CACHE/$suite.debootstrap.log" 2>&1 \
        || { echo "test-matrix: debootstrap $suite failed; see $CACHE/$suite.debootstrap.log" >&2; tail -n 20 "$CACHE/$suite.debootstrap.log" >&2; return 1; }
    trust_host_certificates "$tmp"
    echo "$STAMP_TEXT" > "$tmp/.rason-root"
    if [ -d "$root" ]; then
        umount -l "$root/proc" 2>/dev/null || true; umount -l "$root/dev" 2>/dev/null || true
        rm -rf --one-file-system "$root"
    fi
    mv "$tmp" "$root"
}

run_suite() {
    local suite=$1 root=$CACHE/$suite
    local work=$root/root/rason-src
    rm -rf --one-file-system "$work"
    git clone -q --no-hardlinks "$REPO" "$work"
    if [ "${MATRIX_WORKTREE:-0}" = 1 ]; then
        # Uncommitted edits and new files, for development runs before a commit.
        (git diff HEAD --binary) | (cd "$work" && git apply --allow-empty -)
        git ls-files --others --exclude-standard -z | xargs -0 -r cp --parents -t "$work"
    fi
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    trust_host_certificates "$root"
    mount_root "$root"
    local versions
    versions=$(chroot "$root" /usr/bin/python3 -c \
        "from qgis.core import Qgis; import numpy, sys; from osgeo import gdal; print(f'QGIS {Qgis.QGIS_VERSION}, Python {sys.version.split()[0]}, numpy {numpy.__version__}, GDAL {gdal.__version__}')")
    echo "test-matrix: $suite: $versions"
    local rc=0
    chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
        RASON_MATRIX="$suite" PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_DEFAULT_TIMEOUT=180 \
        bash -c 'cd /root/rason-src && make test' || rc=$?
    cleanup
    # The clone and pytest's temporary folders go: the cached root stays the size it was built.
    rm -rf --one-file-system "$work" "$root/tmp/pytest-of-root"
    if [ "$rc" -ne 0 ]; then
        echo "test-matrix: $suite FAILED ($versions)" >&2
    else
        echo "test-matrix: $suite passed ($versions)"
    fi
    return "$rc"
}

failed=()
for suite in $SUITES; do
    build_root "$suite" || { failed+=("$suite (root)"); continue; }
    [ "${MATRIX_BUILD_ONLY:-0}" = 1 ] && continue
    run_suite "$suite" || failed+=("$suite")
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "test-matrix: failed in: ${failed[*]}" >&2
    exit 1
fi
echo "test-matrix: passed in: $SUITES"
