// The one translation unit that compiles stb_image (decoder) and stb_image_write (encoder), from
// Debian's libstb-dev.
//
// Only PNG and JPEG are compiled in: that is what the labs document, and every other format
// would be more parser of untrusted bytes to fuzz. STBI_MAX_DIMENSIONS is a second guard
// behind decode_gray's pixel limit (labs/image_io.h).
//
// This file is built as C++20 (CMakeLists.txt): stb_image_write's JPEG bit writer shifts
// negative ints left (`bitBuf <<= 8` in stbiw__jpg_writeBits), undefined before C++20 and
// reported by UBSan on every encode; C++20 defines it as the two's-complement result stb
// expects, so the sanitizer is right to stay quiet.
#define STB_IMAGE_IMPLEMENTATION
#define STB_IMAGE_WRITE_IMPLEMENTATION
#define STBI_FAILURE_USERMSG
#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_MAX_DIMENSIONS 16384
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>
