package docx

import (
	"fmt"
	"strings"

	"github.com/gongwen/gongwen/fonts"
	"github.com/gongwen/gongwen/generator/layout"
)

// fontEntry is one w:font of fontTable.xml (ECMA-376 Part 1 §17.8.3). Word uses it
// when the named font is not installed: it tries w:altName, then picks the installed
// font closest in PANOSE, character set and coverage (w:sig).
type fontEntry struct {
	alt     string // w:altName, or ""
	panose  string // w:panose1: the 10 PANOSE bytes in hex, or "" when unknown
	charset string // w:charset: "86" GB 2312, "00" ANSI
	family  string // w:family: auto, roman, swiss, modern, script, decorative
	pitch   string // w:pitch: fixed, variable, default
	sig     string // the six w:sig values (usb0–3, csb0–1), or "" when unknown
}

// knownFonts are the fonts a 公文 names, as Windows (simsun.ttc, simhei.ttf,
// simfang.ttf, simkai.ttf, the GB2312 fonts) and 方正 describe them in their OS/2
// tables, and as Word and WPS write them into fontTable.xml. The fallback names are
// Chinese: a computer without 仿宋_GB2312 nearly always has Windows' 仿宋.
var knownFonts = map[string]fontEntry{
	"仿宋_GB2312": {alt: "仿宋", panose: "02010609030101010101", charset: "86", family: "modern", pitch: "fixed",
		sig: "00000001 080E0000 00000000 00000000 00040000 00000000"},
	"楷体_GB2312": {alt: "楷体", panose: "02010609030101010101", charset: "86", family: "modern", pitch: "fixed",
		sig: "00000001 080E0000 00000000 00000000 00040000 00000000"},
	"仿宋": {alt: "FangSong", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed",
		sig: "800002BF 38CF7CFA 00000016 00000000 00040001 00000000"},
	"楷体": {alt: "KaiTi", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed",
		sig: "800002BF 38CF7CFA 00000016 00000000 00040001 00000000"},
	"黑体": {alt: "SimHei", panose: "02010609060101010101", charset: "86", family: "modern", pitch: "fixed",
		sig: "800002BF 38CF7CFA 00000016 00000000 00040001 00000000"},
	"宋体": {alt: "SimSun", panose: "02010600030101010101", charset: "86", family: "auto", pitch: "variable",
		sig: "00000003 288F0000 00000016 00000000 00040001 00000000"},
	"方正小标宋简体": {alt: "方正小标宋_GBK", panose: "03000509000000000000", charset: "86", family: "auto", pitch: "default",
		sig: "00000001 080E0000 00000000 00000000 00040000 00000000"},
	"Times New Roman": {panose: "02020603050405020304", charset: "00", family: "roman", pitch: "variable",
		sig: "E0002EFF C000785B 00000009 00000000 000001FF 00000000"},
}

// describeFont is the fontTable entry of name, which the role fr names: the known
// description, else, for the role's east-Asian font, the GB 2312 character set, the
// bundled stand-in's PANOSE and coverage and the next name the preset lists, and for
// another Latin font only its character set.
func describeFont(name string, fr layout.FontRole) fontEntry {
	if e, ok := knownFonts[name]; ok {
		return e
	}
	if name != fr.Docx {
		return fontEntry{charset: "00", family: "auto", pitch: "variable"}
	}
	e := fontEntry{alt: altName(fr), charset: "86", family: "auto", pitch: "variable"}
	if fr.Bundled == "" {
		return e
	}
	face, err := fonts.ParseBundled(fr.Bundled)
	if err != nil {
		return e
	}
	if c, ok := face.Classification(); ok {
		e.panose = fmt.Sprintf("%X", c.Panose[:])
		e.sig = fmt.Sprintf("%08X %08X %08X %08X %08X %08X", c.UnicodeRange[0], c.UnicodeRange[1],
			c.UnicodeRange[2], c.UnicodeRange[3], c.CodePageRange[0], c.CodePageRange[1])
	}
	return e
}

// altName is the font to use when the role's DOCX font is missing: the first other
// name the preset lists for the role, a Chinese one before an English one (an English
// name usually names the same font).
func altName(fr layout.FontRole) string {
	english := ""
	for _, n := range fr.Names {
		if n == fr.Docx {
			continue
		}
		if !isASCII(n) {
			return n
		}
		if english == "" {
			english = n
		}
	}
	return english
}

func isASCII(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return false
		}
	}
	return true
}

// xml writes the entry as the w:font named name, its children in the schema's order
// (CT_Font: altName, panose1, charset, family, notTrueType, pitch, sig).
func (e fontEntry) xml(name string) string {
	var b strings.Builder
	b.WriteString(`<w:font w:name="` + esc(name) + `">`)
	if e.alt != "" && e.alt != name {
		b.WriteString(`<w:altName w:val="` + esc(e.alt) + `"/>`)
	}
	if e.panose != "" {
		b.WriteString(`<w:panose1 w:val="` + e.panose + `"/>`)
	}
	b.WriteString(`<w:charset w:val="` + e.charset + `"/><w:family w:val="` + e.family + `"/><w:pitch w:val="` + e.pitch + `"/>`)
	if v := strings.Fields(e.sig); len(v) == 6 {
		b.WriteString(fmt.Sprintf(`<w:sig w:usb0="%s" w:usb1="%s" w:usb2="%s" w:usb3="%s" w:csb0="%s" w:csb1="%s"/>`,
			v[0], v[1], v[2], v[3], v[4], v[5]))
	}
	b.WriteString(`</w:font>`)
	return b.String()
}
