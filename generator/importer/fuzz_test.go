package importer

import (
	"os"
	"testing"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/internal/cfb"
)

// FuzzText checks that importing any text never panics and always gives a file that
// content.Parse accepts.
func FuzzText(f *testing.F) {
	if seed, err := os.ReadFile(seedFile); err == nil {
		f.Add(seed)
	}
	for _, s := range []string{
		"", "一、", "（一）。", "标题\n一、甲。乙\n（一）\n1.\n（1）{x}}\n",
		"标题\n旗政府：\n正文\"\"\"\\\n\x00\x7f\t\u3000\nXX局\n2024年2月29日\n",
		"一、一、一、标题。\n（一）（二）“未闭合。正文\n1.5倍\n第9次开展学习9次，100余次，09次，3个月",
		"\ufeff\r\n\r\n二〇二四年一月十日\n",
		"（一）\x00", "\x01\n\x7f\n1次2次3次1次",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, counts := range []bool{false, true} {
			r, err := Text(src, Options{Counts: counts})
			if err != nil {
				return // not UTF-8
			}
			if _, err := content.Parse("fuzz.toml", r.TOML()); err != nil {
				t.Fatalf("import of %q does not parse: %v\n%s", src, err, r.TOML())
			}
		}
	})
}

// FuzzDOCXBody checks that any document body (tables, text boxes, alternate
// content, footnote references, numbering) imports without a panic into a file
// that content.Parse accepts.
func FuzzDOCXBody(f *testing.F) {
	f.Add(textBox(para("", "兴安市统计局文件"), para("", "X统发〔2024〕5号")) + para("", "关于开展检查的通知") + para("", "一、范围"))
	f.Add(`<w:p><w:pPr><w:numPr><w:ilvl w:val="8"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>甲</w:t></w:r></w:p>`)
	f.Add(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="99"/><w:vMerge/></w:tcPr><w:tbl><w:tr><w:tc><w:p><w:r><w:t>嵌</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`)
	f.Add(`<w:p><w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:txbxContent></mc:Choice><mc:Fallback><w:t>重</w:t></mc:Fallback></mc:AlternateContent><w:footnoteReference w:id="1"/></w:r></w:p>`)
	numbering := `<w:numbering ` + corpusNS + `><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="0"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、%2.%9"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%2"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 1<<16 {
			return
		}
		data := packDOCX(t, map[string]string{"word/document.xml": wdoc(body), "word/numbering.xml": numbering,
			"word/footnotes.xml": `<w:footnotes ` + corpusNS + `><w:footnote w:id="1">` + body + `</w:footnote></w:footnotes>`})
		r, err := DOCX(data, Options{})
		if err != nil {
			return // not XML
		}
		if _, err := content.Parse("fuzz.toml", r.TOML()); err != nil {
			t.Fatalf("import of %q does not parse: %v\n%s", body, err, r.TOML())
		}
	})
}

// FuzzNumbering checks that any numbering.xml gives labels without a panic.
func FuzzNumbering(f *testing.F) {
	f.Add(`<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%1）"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`, 0)
	f.Add(`<w:numbering><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="9"><w:start w:val="-5"/><w:lvlText w:val="%%9%"/></w:lvl></w:abstractNum></w:numbering>`, 9)
	f.Fuzz(func(t *testing.T, xml string, ilvl int) {
		n, err := parseNumbering([]byte(xml))
		if err != nil {
			return
		}
		for range 3 {
			n.next("1", ilvl)
		}
	})
}

// FuzzDecodeText checks that the encodings are read without a panic and always
// give UTF-8.
func FuzzDecodeText(f *testing.F) {
	f.Add([]byte("\xff\xfe\x00"))
	f.Add([]byte("\xb9\xa4\xd7\xf7"))
	f.Add([]byte("a\x00b\x00"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, _, err := decodeText(src)
		if err == nil && !utf8.ValidString(s) {
			t.Fatalf("decodeText(%q) = %q: not UTF-8", src, s)
		}
	})
}

// FuzzDOCStreams checks that any WordDocument and table streams of a binary
// document (the FIB, the piece table, the FKPs, the list tables) import without
// a panic into a file that content.Parse accepts.
func FuzzDOCStreams(f *testing.F) {
	for _, name := range []string{"wps-risesoft-specimen", "gwa-xx2-downward-template", "wps-jflow-jiancha-yijianshu"} {
		data, err := os.ReadFile("testdata/doc/" + name + ".doc")
		if err != nil {
			f.Fatal(err)
		}
		c, err := cfb.Open(data)
		if err != nil {
			f.Fatal(err)
		}
		word, _ := c.Stream("WordDocument")
		table, _ := c.Stream("1Table")
		f.Add(word, table)
	}
	f.Fuzz(func(t *testing.T, word, table []byte) {
		fb, err := readFIB(word)
		if err != nil {
			return
		}
		chars, err := pieceText(word, table, fb, 0, fb.ccpText)
		if err != nil {
			return
		}
		runs, err := paragraphRuns(word, table, nil, fb)
		if err != nil {
			return
		}
		r := assemble(docBlocks(chars, runs, docLists(table, fb)), Options{})
		if _, err := content.Parse("fuzz.toml", r.TOML()); err != nil {
			t.Fatalf("import does not parse: %v\n%s", err, r.TOML())
		}
	})
}
