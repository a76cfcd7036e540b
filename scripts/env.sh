# Sourced by scripts/serve and scripts/test: finds Python >= 3.12, creates .venv, installs.
# Set PYTHON to choose the interpreter; set EXTRAS (default "dev") to choose the extras.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENV="${VENV:-$ROOT/.venv}"

is_recent() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }

find_python() {
    local candidates=()
    [ -n "${PYTHON:-}" ] && candidates+=("$PYTHON")
    candidates+=(python3.13 python3.12 python3.14 python3)
    if command -v pyenv >/dev/null 2>&1; then
        local root
        root="$(pyenv root)"
        for p in "$root"/versions/3.1[2-9]*/bin/python3; do candidates+=("$p"); done
    fi
    for c in "${candidates[@]}"; do
        if command -v "$c" >/dev/null 2>&1 && is_recent "$c"; then
            command -v "$c"
            return 0
        fi
    done
    return 1
}

if [ ! -x "$VENV/bin/python" ] || ! is_recent "$VENV/bin/python"; then
    if ! PY="$(find_python)"; then
        echo "error: no Python >= 3.12 found (tried \$PYTHON, python3.13, python3.12, python3," >&2
        echo "and pyenv's versions). Install one, or run with PYTHON=/path/to/python3.12." >&2
        exit 1
    fi
    echo "Using $PY ($("$PY" --version)) to create $VENV"
    rm -rf "$VENV"
    "$PY" -m venv "$VENV"
fi

EXTRAS="${EXTRAS:-dev}"
STAMP="$VENV/.installed-$EXTRAS"
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[$EXTRAS]"
    touch "$STAMP"
fi
export PATH="$VENV/bin:$PATH"
