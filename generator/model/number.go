package model

import "strconv"

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
