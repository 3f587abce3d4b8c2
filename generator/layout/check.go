package layout

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// The ranges of a preset's numbers: far beyond any real layout, near enough that a
// mistyped number (width_mm = 1e9, nan, a negative size) is refused with its key
// instead of making an invalid PDF or a page that never ends.
const (
	maxMM    = 1000 // any length in millimetres: a page, a margin, a line
	maxPt    = 200  // any size in points: type, line pitch, indent
	maxChars = 100  // an indent or offset in grid characters
	maxInt   = 10000
	maxGrid  = 200 // lines per page, characters per line
	minPage  = 50  // the smallest paper side in millimetres
)

var (
	mmType   = reflect.TypeFor[MM]()
	ptType   = reflect.TypeFor[Pt]()
	cmykType = reflect.TypeFor[CMYK]()
)

// checkNumbers walks the preset's fields by their TOML keys and returns the key of the
// first number out of range, and why.
func checkNumbers(v reflect.Value, path string) (key, msg string) {
	switch t := v.Type(); {
	case t == mmType:
		return inRange(path, v.Float(), 0, maxMM, "毫米")
	case t == ptType:
		return inRange(path, v.Float(), 0, maxPt, "磅")
	case t == cmykType:
		for i := range v.Len() {
			if key, msg := inRange(path, v.Index(i).Float(), 0, 100, "%"); key != "" {
				return key, msg
			}
		}
	case t.Kind() == reflect.Float64:
		return inRange(path, v.Float(), -maxChars, maxChars, "字")
	case t.Kind() == reflect.Int:
		if n := v.Int(); n < -maxInt || n > maxInt {
			return path, fmt.Sprintf("数值 %d 超出范围：应在 %d 到 %d 之间", n, -maxInt, maxInt)
		}
	case t.Kind() == reflect.Slice:
		for i := range v.Len() {
			if key, msg := checkNumbers(v.Index(i), path); key != "" {
				return key, msg
			}
		}
	case t.Kind() == reflect.Struct:
		for i := range t.NumField() {
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("toml"), ",")
			if name == "" || name == "-" {
				continue
			}
			p := name
			if path != "" {
				p = path + "." + name
			}
			if key, msg := checkNumbers(v.Field(i), p); key != "" {
				return key, msg
			}
		}
	}
	return "", ""
}

func inRange(key string, x, lo, hi float64, unit string) (string, string) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return key, fmt.Sprintf("数值 %v 不是一个确定的数", x)
	}
	if x < lo || x > hi {
		return key, fmt.Sprintf("数值 %g 超出范围：应在 %g 到 %g %s之间", x, lo, hi, unit)
	}
	return "", ""
}
