package fonts

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// nameRecord is one decoded string of the name table.
type nameRecord struct {
	platform, encoding, language, id uint16
	value                            string
}

// nameRecords decodes the records of a name table whose IDs satisfy want, skipping strings
// that cannot be decoded (legacy Mac and Windows CJK encodings with non-ASCII bytes: the
// standard library has no GB 2312 or Big5 tables, and such fonts carry a Unicode record too).
func nameRecords(name []byte, want func(id uint16) bool) []nameRecord {
	count, strOff := int(u16(name, 2)), int(u16(name, 4))
	if len(name) < 6+12*count {
		count = max(0, (len(name)-6)/12)
	}
	var out []nameRecord
	for i := range count {
		r := name[6+12*i:]
		rec := nameRecord{platform: u16(r, 0), encoding: u16(r, 2), language: u16(r, 4), id: u16(r, 6)}
		if !want(rec.id) {
			continue
		}
		length, off := int(u16(r, 8)), strOff+int(u16(r, 10))
		if off+length > len(name) {
			continue
		}
		s, ok := decodeName(rec.platform, rec.encoding, name[off:off+length])
		if !ok {
			continue
		}
		rec.value = strings.TrimSpace(strings.TrimRight(s, "\x00"))
		if rec.value != "" {
			out = append(out, rec)
		}
	}
	return out
}

// decodeName decodes a name string by its platform and encoding.
func decodeName(platform, encoding uint16, b []byte) (string, bool) {
	switch {
	case platform == 0, platform == 3 && (encoding == 0 || encoding == 1 || encoding == 10):
		return decodeUTF16BE(b)
	case platform == 1 && encoding == 0:
		return decodeMacRoman(b), true
	case platform == 1, platform == 3:
		// Legacy CJK encodings (Mac script 25 = GB 2312, Windows 3 = PRC …): only plain ASCII
		// decodes without tables. Windows stores them in 16-bit units, so drop zero bytes.
		var sb strings.Builder
		for _, c := range b {
			if c >= 0x80 {
				return "", false
			}
			if c != 0 {
				sb.WriteByte(c)
			}
		}
		return sb.String(), true
	}
	return "", false
}

func decodeUTF16BE(b []byte) (string, bool) {
	if len(b)%2 != 0 {
		return "", false
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	s := string(utf16.Decode(u))
	return s, !strings.ContainsRune(s, utf8.RuneError)
}

// macRomanHigh maps bytes 0x80–0xFF of Mac OS Roman to Unicode.
const macRomanHigh = "ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø" +
	"¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ"

func decodeMacRoman(b []byte) string {
	var high []rune
	var sb strings.Builder
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
			continue
		}
		if high == nil {
			high = []rune(macRomanHigh)
		}
		sb.WriteRune(high[c-0x80])
	}
	return sb.String()
}

// familyNames returns the English family (ID 16, else ID 1) and every family name (IDs 1 and
// 16), the English family first.
func familyNames(name []byte) (string, []string) {
	recs := nameRecords(name, func(id uint16) bool { return id == 1 || id == 16 })
	family := ""
	for _, id := range []uint16{16, 1} {
		for _, r := range recs {
			if r.id == id && isEnglish(r) {
				family = r.value
				break
			}
		}
		if family != "" {
			break
		}
	}
	if family == "" && len(recs) > 0 {
		family = recs[0].value
	}
	var all []string
	if family != "" {
		all = append(all, family)
	}
	for _, r := range recs {
		if !containsString(all, r.value) {
			all = append(all, r.value)
		}
	}
	return family, all
}

// isEnglish reports whether a record is in English: Windows en-US or Mac English.
func isEnglish(r nameRecord) bool {
	return r.platform == 3 && r.language == 0x0409 || r.platform == 1 && r.language == 0
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
