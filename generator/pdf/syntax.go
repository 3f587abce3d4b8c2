package pdf

import (
	"strconv"
	"time"
	"unicode/utf16"
)

// The low-level pieces of PDF syntax: numbers, strings, names, dates and streams, all
// appended to byte slices so a document is built without fmt or reflection.

const hexDigits = "0123456789ABCDEF"

// appendNum appends v rounded to prec decimals (at most 6), without trailing zeros and
// never as "-0".
func appendNum(b []byte, v float64, prec int) []byte {
	scale := pow10[prec]
	n := int64(v*scale + 0.5)
	if v < 0 {
		n = -int64(-v*scale + 0.5)
	}
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	i, frac := n/int64(scale), n%int64(scale)
	b = strconv.AppendInt(b, i, 10)
	if frac == 0 {
		return b
	}
	// fraction digits, zero-padded to prec, trailing zeros dropped
	var d [6]byte
	for k := prec - 1; k >= 0; k-- {
		d[k] = byte('0' + frac%10)
		frac /= 10
	}
	end := prec
	for d[end-1] == '0' {
		end--
	}
	b = append(b, '.')
	return append(b, d[:end]...)
}

var pow10 = [...]float64{1, 10, 100, 1000, 10000, 100000, 1000000}

// appendHex16 appends v as four hex digits.
func appendHex16(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&0xF], hexDigits[v>>4&0xF], hexDigits[v&0xF])
}

// appendUTF16 appends r in UTF-16BE as hex digits: four, or eight for the surrogate pair
// of a character beyond the Basic Multilingual Plane.
func appendUTF16(b []byte, r rune) []byte {
	if r > 0xFFFF {
		r1, r2 := utf16.EncodeRune(r)
		b = appendHex16(b, uint16(r1))
		r = r2
	}
	return appendHex16(b, uint16(r))
}

// appendTextString appends s as a PDF text string: a hex string of UTF-16BE with a byte
// order mark, which every reader decodes the same way whatever the characters.
func appendTextString(b []byte, s string) []byte {
	b = append(b, "<FEFF"...)
	for _, r := range s { // invalid UTF-8 and encoded surrogates come out as U+FFFD
		b = appendUTF16(b, r)
	}
	return append(b, '>')
}

// appendDate appends t as a PDF date string, (D:YYYYMMDDHHmmSSZ) or with its offset
// from UTC as +HH'mm'.
func appendDate(b []byte, t time.Time) []byte {
	b = append(b, "(D:"...)
	b = t.AppendFormat(b, "20060102150405")
	_, off := t.Zone()
	if off == 0 {
		return append(b, "Z)"...)
	}
	sign := byte('+')
	if off < 0 {
		sign, off = '-', -off
	}
	off /= 60
	return append(b, sign, byte('0'+off/600), byte('0'+off/60%10), '\'', byte('0'+off%60/10), byte('0'+off%10), '\'', ')')
}

// appendName appends /s, escaping every byte outside the regular characters as #XX.
func appendName(b []byte, s string) []byte {
	b = append(b, '/')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c >= 0x7F || c == '#' || isDelimiter(c) {
			b = append(b, '#', hexDigits[c>>4], hexDigits[c&0xF])
			continue
		}
		b = append(b, c)
	}
	return b
}

func isDelimiter(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}
