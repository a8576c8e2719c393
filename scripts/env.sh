# Shared settings for the project's scripts; source it, do not run it.
LL_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LL_CACHE="${LATENTLAB_CACHE:-$HOME/.cache/latentlab}"
SDL2_DEB_VERSION="2.26.5+dfsg-1"
IMGUI_DEB_VERSION="1.86+ds-1"
SKIMAGE_DEB_VERSION="0.19.3-8"
FASHION_DEB_VERSION="0.0~git20200523.55506a9-1"
SDL2_SRC_DIR="libsdl2-2.26.5+dfsg"
IMGUI_SRC_DIR="imgui-1.86+ds"
SDL2_WASM_PREFIX="$LL_CACHE/sdl2-wasm-$SDL2_DEB_VERSION"
SDL2_WASM_MT_PREFIX="$LL_CACHE/sdl2-wasm-mt-$SDL2_DEB_VERSION"  # compiled with -pthread
LL_NPM="$LL_CACHE/npm"
# emscripten 3.1.6 needs Debian's node modules (acorn) on every link.
export NODE_PATH="/usr/share/nodejs:$LL_NPM/node_modules"
export LL_ROOT LL_CACHE LL_NPM
