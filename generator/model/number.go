package model

import (
	"math/big"
	"strconv"
	"strings"
)

var digits = []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// ChineseNumeral writes n (1–99) in Chinese numerals: 1 一, 10 十, 12 十二, 20 二十.
func ChineseNumeral(n int) string {
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	default:
		return digits[n/10] + "十" + digits[n%10]
	}
}

// Number returns the 结构层次序数 of the n-th (1-based) section at a level (§7.3.3):
// 一、 （一） 1. （1）.
func Number(level, n int) string {
	switch level {
	case 1:
		return ChineseNumeral(n) + "、"
	case 2:
		return "（" + ChineseNumeral(n) + "）"
	case 3:
		return strconv.Itoa(n) + "."
	default:
		return "（" + strconv.Itoa(n) + "）"
	}
}

// MaxNumber is the largest count, cell sum or 合计 a document may print (一千万亿):
// every such number prints exactly in plain digits, and every whole number up to it
// is exact in a float64.
const MaxNumber = 1e15

// FormatNumber prints a number in plain decimal digits, without a needless decimal
// part and never in scientific notation: 9, 3.5, 0.0001.
func FormatNumber(v float64) string {
	if v == 0 {
		return "0" // not "-0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// SumDecimal adds numbers written in decimal ("9", "3.5", "-2") exactly, as they
// print, so 0.1 + 0.2 gives 0.3; the sum keeps as many decimals as the most precise
// of them. It reports false when one is not a plain decimal or the sum's magnitude
// exceeds MaxNumber.
func SumDecimal(nums []string) (string, bool) {
	sum := new(big.Rat)
	places := 0
	for _, s := range nums {
		if !IsDecimal(s) {
			return "", false
		}
		r, ok := new(big.Rat).SetString(s)
		if !ok {
			return "", false
		}
		sum.Add(sum, r)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			places = max(places, len(s)-i-1)
		}
	}
	if new(big.Rat).Abs(sum).Cmp(new(big.Rat).SetFloat64(MaxNumber)) > 0 {
		return "", false
	}
	out := sum.FloatString(places)
	if out == "-0" || strings.HasPrefix(out, "-0.") && strings.Trim(out[3:], "0") == "" {
		out = out[1:]
	}
	return out, true
}

// IsDecimal reports whether s is a number in plain decimal digits: 9, -3, 3.50.
func IsDecimal(s string) bool {
	s = strings.TrimPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	digits := func(t string) bool {
		for _, c := range t {
			if c < '0' || c > '9' {
				return false
			}
		}
		return t != ""
	}
	return digits(whole) && (!dot || digits(frac))
}
