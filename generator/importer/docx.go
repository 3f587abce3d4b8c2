package importer

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// maxPart is the largest DOCX part read, so that a hostile file cannot exhaust memory.
const maxPart = 64 << 20

// DOCX imports a WordprocessingML document. It reads the paragraphs of
// word/document.xml with their styles (word/styles.xml): a Title style is the title,
// a style or paragraph with an outline level is a heading of that level, a run in a
// character style at the start of a paragraph is a run-in heading, and gongwen's own
// 主送机关 and 署名日期 styles are the 主送机关, 署名 and 成文日期. Without heading styles
// the paragraphs are read like plain text. Tables are left out (with a note).
func DOCX(data []byte, opt Options) (*Result, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("不是 DOCX 文件（无法按 zip 格式读取）：%w", err)
	}
	docXML, err := readPart(zr, "word/document.xml")
	if err != nil {
		return nil, err
	}
	styles := map[string]styleInfo{}
	if s, err := readPart(zr, "word/styles.xml"); err == nil {
		if styles, err = parseStyles(s); err != nil {
			return nil, err
		}
	}
	paras, tables, err := parseDocument(docXML)
	if err != nil {
		return nil, err
	}
	var bs []block
	for i, p := range paras {
		b := p.block(styles)
		if strings.TrimSpace(b.text) == "" {
			continue
		}
		b.where = fmt.Sprintf("第 %d 段", i+1)
		bs = append(bs, b)
	}
	r := assemble(bs, opt)
	if tables > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("原文有 %d 个表格，没有导入；数字表格可以用 [[table]] 从计数生成（见 docs/content-format.md）", tables))
	}
	return r, nil
}

// readPart reads one part of the package.
func readPart(zr *zip.Reader, name string) ([]byte, error) {
	f, err := zr.Open(name)
	if err != nil {
		return nil, fmt.Errorf("DOCX 文件中没有 %s：%w", name, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("无法读取 DOCX 中的 %s：%w", name, err)
	}
	if len(data) > maxPart {
		return nil, fmt.Errorf("DOCX 中的 %s 太大（超过 %d MB）", name, maxPart>>20)
	}
	return data, nil
}

// styleInfo is what a paragraph style says about its paragraphs.
type styleInfo struct {
	name    string
	basedOn string
	outline int // outline level + 1; 0 when the style sets none
}

// parseStyles reads word/styles.xml. Elements are matched by local name, so both
// transitional and strict WordprocessingML are read.
func parseStyles(data []byte) (map[string]styleInfo, error) {
	var doc struct {
		Styles []struct {
			ID      string `xml:"styleId,attr"`
			Name    val    `xml:"name"`
			BasedOn val    `xml:"basedOn"`
			Outline *val   `xml:"pPr>outlineLvl"`
		} `xml:"style"`
	}
	if err := xml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("无法读取 DOCX 的样式（word/styles.xml）：%w", err)
	}
	out := map[string]styleInfo{}
	for _, s := range doc.Styles {
		info := styleInfo{name: s.Name.Val, basedOn: s.BasedOn.Val}
		if s.Outline != nil {
			info.outline = outlineLevel(s.Outline.Val)
		}
		out[s.ID] = info
	}
	return out, nil
}

// val is an element whose w:val attribute is what matters.
type val struct {
	Val string `xml:"val,attr"`
}

// outlineLevel converts a w:outlineLvl value (0-based; 9 is body text) to 1-based,
// 0 for none.
func outlineLevel(v string) int {
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 8 {
		return 0
	}
	return n + 1
}

// xpara is a paragraph of word/document.xml.
type xpara struct {
	style   string
	outline int // from the paragraph's own properties, 1-based; 0 if none
	runs    []xrun
}

// xrun is text in one character style.
type xrun struct {
	style string
	text  string
}

// parseDocument reads the top-level paragraphs of the body, and counts the tables,
// whose paragraphs it skips. Deleted text, field instructions and text boxes are
// left out; tabs and line breaks are kept.
func parseDocument(data []byte) (paras []xpara, tables int, err error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		cur             *xpara
		run             *xrun
		depth           int // w:p nesting (text boxes hold paragraphs inside a run)
		inTable, inText int
		inPPr, inRPr    bool
	)
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return paras, tables, nil
		}
		if err != nil {
			return nil, 0, fmt.Errorf("无法读取 DOCX 的正文（word/document.xml）：%w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "tbl":
				if inTable == 0 && depth == 0 {
					tables++
				}
				inTable++
			case "p":
				depth++
				if depth == 1 && inTable == 0 {
					cur = &xpara{}
				}
			}
			if cur == nil || depth != 1 {
				continue
			}
			switch t.Name.Local {
			case "pPr":
				inPPr = true
			case "rPr":
				inRPr = true
			case "pStyle":
				if inPPr && !inRPr {
					cur.style = attr(t, "val")
				}
			case "outlineLvl":
				if inPPr && !inRPr {
					cur.outline = outlineLevel(attr(t, "val"))
				}
			case "r":
				cur.runs = append(cur.runs, xrun{})
				run = &cur.runs[len(cur.runs)-1]
			case "rStyle":
				if run != nil && inRPr {
					run.style = attr(t, "val")
				}
			case "t":
				inText++
			case "tab":
				if run != nil {
					run.text += "\t"
				}
			case "br", "cr":
				if run != nil && attr(t, "type") != "page" && attr(t, "type") != "column" {
					run.text += "\n"
				}
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "tbl":
				inTable--
			case "p":
				if depth == 1 && cur != nil {
					paras = append(paras, *cur)
					cur, run = nil, nil
				}
				depth--
			case "pPr":
				inPPr = false
			case "rPr":
				inRPr = false
			case "r":
				if depth == 1 {
					run = nil
				}
			case "t":
				inText = max(inText-1, 0)
			}
		case xml.CharData:
			if cur != nil && run != nil && depth == 1 && inText > 0 {
				run.text += string(t)
			}
		}
	}
}

// attr returns the value of the attribute with the local name, or "".
func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// block turns a paragraph into a block: its text, and its kind and level from its
// style.
func (p xpara) block(styles map[string]styleInfo) block {
	var text strings.Builder
	// Word splits runs at will: runs of one style are one piece here.
	var pieces []xrun
	for _, r := range p.runs {
		text.WriteString(r.text)
		if n := len(pieces); n > 0 && pieces[n-1].style == r.style {
			pieces[n-1].text += r.text
			continue
		}
		pieces = append(pieces, r)
	}
	b := block{text: clean(text.String())}
	info := styles[p.style]
	name := strings.ToLower(info.name)
	switch {
	case p.style == "Title" || name == "title":
		b.kind = kindTitle
		return b // the title keeps its line breaks
	case p.style == "Recipient" || info.name == "主送机关":
		b.kind = kindRecipient
	case p.style == "SignatureDate" || info.name == "署名日期":
		b.kind = kindSignature
	default:
		level := p.outline
		for id, seen := p.style, 0; level == 0 && id != "" && seen < 10; seen++ {
			level = styles[id].outline
			id = styles[id].basedOn
		}
		if level >= 1 && level <= 4 {
			b.kind, b.level = kindHeading, level
		}
	}
	b.text = strings.ReplaceAll(b.text, "\n", "")
	if len(pieces) > 1 && pieces[0].style != "" {
		b.lead = strings.ReplaceAll(clean(pieces[0].text), "\n", "")
	}
	return b
}
