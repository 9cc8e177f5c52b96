#!/usr/bin/env bash
# Makes sure Debian's Chromium and its WebDriver are installed for the browser tests (the partner sample's install
# flow, tests/Aircall.CallSync.IntegrationTests/Samples/PartnerSampleBrowserTests.cs), then prints the browser's path
# (and nothing else) on stdout; progress goes to stderr.
#   bash eng/test-chromium.sh               install Debian's `chromium` and `chromium-driver` when missing (needs root)
#   bash eng/test-chromium.sh --no-install  never install: fail (exit 1) when either is missing
# Idempotent: with both installed it only asks them their versions. The tests drive /usr/bin/chromedriver, which is
# built from the same source as /usr/bin/chromium, so the two always match; nothing is downloaded at test time.
set -euo pipefail
browser=/usr/bin/chromium
driver=/usr/bin/chromedriver

if [ ! -x "$browser" ] || [ ! -x "$driver" ]; then
  if [ "${1:-}" = "--no-install" ]; then
    echo "Chromium is not installed (apt-get install -y chromium chromium-driver)" >&2
    exit 1
  fi
  echo "::: installing Chromium (apt-get install chromium chromium-driver)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium chromium-driver >&2
fi

# The launcher script is noisy on some machines; the driver's version line is enough to show both work.
"$driver" --version >&2
echo "$browser"
