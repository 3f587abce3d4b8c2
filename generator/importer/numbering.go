package importer

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
)

// numbering is word/numbering.xml: the level formats of each list, and the
// counters as the paragraphs are read in order.
type numbering struct {
	abstract map[string]map[int]numLevel // abstractNumId → level → format
	nums     map[string]string           // numId → abstractNumId
	counters map[string][]int            // abstractNumId → counter per level
}

// numLevel is one level of a list: its format (decimal, chineseCounting …), its
// text with %1…%9 for the counters, and its start value.
type numLevel struct {
	format string
	text   string
	start  int
}

// maxLevels is the number of levels a Word list has.
const maxLevels = 9

// parseNumbering reads word/numbering.xml.
func parseNumbering(data []byte) (*numbering, error) {
	var doc struct {
		Abstract []struct {
			ID     string `xml:"abstractNumId,attr"`
			Levels []struct {
				Ilvl   string `xml:"ilvl,attr"`
				Start  *val   `xml:"start"`
				Format val    `xml:"numFmt"`
				Text   *val   `xml:"lvlText"`
			} `xml:"lvl"`
		} `xml:"abstractNum"`
		Nums []struct {
			ID       string `xml:"numId,attr"`
			Abstract val    `xml:"abstractNumId"`
		} `xml:"num"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("无法读取 DOCX 的编号（word/numbering.xml）：%w", err)
	}
	n := &numbering{abstract: map[string]map[int]numLevel{}, nums: map[string]string{}, counters: map[string][]int{}}
	for _, a := range doc.Abstract {
		levels := map[int]numLevel{}
		for _, l := range a.Levels {
			i, err := strconv.Atoi(l.Ilvl)
			if err != nil || i < 0 || i >= maxLevels {
				continue
			}
			lv := numLevel{format: l.Format.Val, start: 1}
			if l.Text != nil {
				lv.text = l.Text.Val
			}
			if l.Start != nil {
				if s, err := strconv.Atoi(l.Start.Val); err == nil && s >= 0 && s < 10000 {
					lv.start = s
				}
			}
			levels[i] = lv
		}
		n.abstract[a.ID] = levels
	}
	for _, x := range doc.Nums {
		n.nums[x.ID] = x.Abstract.Val
	}
	return n, nil
}

// next counts a paragraph of list numID at level ilvl and returns its label as
// the reader sees it (一、, （二）, 3.), or "" for a bullet or an unknown list.
func (n *numbering) next(numID string, ilvl int) string {
	if n == nil || numID == "" || numID == "0" || ilvl < 0 || ilvl >= maxLevels {
		return ""
	}
	abs, ok := n.nums[numID]
	if !ok {
		return ""
	}
	levels := n.abstract[abs]
	lv, ok := levels[ilvl]
	if !ok || lv.format == "bullet" || lv.format == "none" || lv.text == "" {
		return ""
	}
	c := n.counters[abs]
	if c == nil {
		c = make([]int, maxLevels)
		n.counters[abs] = c
	}
	if c[ilvl] == 0 {
		c[ilvl] = levels[ilvl].start
	} else {
		c[ilvl]++
	}
	for k := ilvl + 1; k < maxLevels; k++ {
		c[k] = 0
	}
	var b strings.Builder
	for i := 0; i < len(lv.text); i++ {
		ch := lv.text[i]
		if ch == '%' && i+1 < len(lv.text) && lv.text[i+1] >= '1' && lv.text[i+1] <= '9' {
			k := int(lv.text[i+1] - '1')
			v := c[k]
			if v == 0 {
				v = levels[k].start
			}
			b.WriteString(formatNumber(v, levels[k].format))
			i++
			continue
		}
		b.WriteByte(ch)
	}
	return strings.TrimSpace(b.String())
}

// formatNumber writes a counter in a numFmt.
func formatNumber(v int, format string) string {
	switch format {
	case "chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
		"taiwaneseCounting", "taiwaneseCountingThousand", "japaneseCounting":
		return chineseNumeral(v)
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese":
		if v >= 1 && v <= 20 {
			return string(rune('①' + v - 1))
		}
	case "decimalEnclosedParen":
		if v >= 1 && v <= 20 {
			return string(rune('⑴' + v - 1))
		}
	case "decimalFullWidth", "decimalFullWidth2":
		var b strings.Builder
		for _, d := range strconv.Itoa(v) {
			b.WriteRune('０' + d - '0')
		}
		return b.String()
	case "lowerLetter", "upperLetter":
		if v >= 1 && v <= 26 {
			if format == "lowerLetter" {
				return string(rune('a' + v - 1))
			}
			return string(rune('A' + v - 1))
		}
	}
	return strconv.Itoa(v)
}

// chineseNumeral writes 1–99 as 一 … 九十九; larger numbers in digits.
func chineseNumeral(v int) string {
	const digits = "〇一二三四五六七八九"
	d := []rune(digits)
	switch {
	case v < 0 || v > 99:
		return strconv.Itoa(v)
	case v < 10:
		return string(d[v])
	case v < 20:
		s := "十"
		if v%10 != 0 {
			s += string(d[v%10])
		}
		return s
	}
	s := string(d[v/10]) + "十"
	if v%10 != 0 {
		s += string(d[v%10])
	}
	return s
}
