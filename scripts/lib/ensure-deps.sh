# Sourced by scripts/test, scripts/demo and scripts/bench: installs what a fresh machine lacks.
# System: libsqlite3-dev (GRDB links the system SQLite), zlib1g-dev (.gz feeds), sqlite3 (benchmark baseline and
# tamper tests), gzip. Python: jsonschema (the JSON Schema side of the fixture check).

ensure_deps() {
    local missing=()
    for package in libsqlite3-dev zlib1g-dev sqlite3 gzip; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "installing ${missing[*]}" >&2
        local sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        $sudo apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
    fi
    if ! command -v swift >/dev/null 2>&1; then
        if [ -x /opt/swift/usr/bin/swift ]; then
            export PATH="/opt/swift/usr/bin:$PATH"
        else
            echo "error: swift is not installed (Swift 6.1 or newer is needed)" >&2
            return 1
        fi
    fi
}

ensure_python_deps() {
    if ! python3 -c "import jsonschema, referencing" >/dev/null 2>&1; then
        echo "installing jsonschema" >&2
        python3 -m pip install --quiet "jsonschema>=4.18" >&2
    fi
}
