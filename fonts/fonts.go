// Package fonts finds, measures and subsets the fonts that gongwen typesets with, and
// bundles free stand-ins for the typefaces GB/T 9704-2012 names.
//
// A Face is a parsed TrueType font: Has and Advance answer layout questions from cmap and
// hmtx, and Subset cuts the font down to the characters a document uses before it is handed
// to the PDF writer. A Resolver decides which font serves each role (仿宋, 黑体 …): an
// explicit file, else a font of the wanted name installed on this computer, else the
// bundled font, and says why in a Choice.
//
// The bundled fonts are stored uncompressed: inflating them would cost more time than a
// whole document build is allowed (see docs/fonts.md).
package fonts

import (
	_ "embed" // bundled fonts
	"fmt"
	"strings"
	"unsafe"
)

// The bundled fonts, one string each: strings are immutable, so the bytes can be handed to
// Parse without a copy (bundledBytes). Copying 35 MB would touch every page of it.
var (
	//go:embed title-NotoSerifSC-Bold.ttf
	titleTTF string
	//go:embed body-FandolFang-Regular.ttf
	bodyTTF string
	//go:embed heading1-NotoSansSC-Medium.ttf
	heading1TTF string
	//go:embed heading2-ARPLKaitiMGB.ttf
	heading2TTF string
	//go:embed pagenum-NotoSerifSC-Regular.ttf
	pagenumTTF string
	// The last-resort fallback (补字): all of CJK Unified Ideographs and Extension A. As the
	// others it is parsed in place, so only the pages of the glyphs a document draws are read.
	//go:embed lastresort-NotoSerifSC-Regular.ttf
	lastresortTTF string
)

// bundled returns the embedded font of that file name.
func bundled(name string) (string, bool) {
	switch name {
	case "title-NotoSerifSC-Bold.ttf":
		return titleTTF, true
	case "body-FandolFang-Regular.ttf":
		return bodyTTF, true
	case "heading1-NotoSansSC-Medium.ttf":
		return heading1TTF, true
	case "heading2-ARPLKaitiMGB.ttf":
		return heading2TTF, true
	case "pagenum-NotoSerifSC-Regular.ttf":
		return pagenumTTF, true
	case "lastresort-NotoSerifSC-Regular.ttf":
		return lastresortTTF, true
	}
	return "", false
}

// BundledNames lists the file names of the bundled fonts.
func BundledNames() []string {
	return []string{
		"body-FandolFang-Regular.ttf",
		"heading1-NotoSansSC-Medium.ttf",
		"heading2-ARPLKaitiMGB.ttf",
		"lastresort-NotoSerifSC-Regular.ttf",
		"pagenum-NotoSerifSC-Regular.ttf",
		"title-NotoSerifSC-Bold.ttf",
	}
}

// Bundled returns a copy of the bundled font file of that name, e.g.
// "body-FandolFang-Regular.ttf". To measure or subset a bundled font, use ParseBundled,
// which does not copy.
func Bundled(name string) ([]byte, error) {
	s, ok := bundled(name)
	if !ok {
		return nil, fmt.Errorf("没有名为「%s」的内置字体（可用：%s）", name, strings.Join(BundledNames(), "、"))
	}
	return []byte(s), nil
}

// ParseBundled parses the bundled font of that name without copying it. Its Source is
// "内置 fonts/NAME".
func ParseBundled(name string) (*Face, error) {
	s, ok := bundled(name)
	if !ok {
		return nil, fmt.Errorf("没有名为「%s」的内置字体（可用：%s）", name, strings.Join(BundledNames(), "、"))
	}
	// Face only ever reads its data, so aliasing the immutable string is safe.
	return Parse(unsafe.Slice(unsafe.StringData(s), len(s)), "内置 fonts/"+name)
}
