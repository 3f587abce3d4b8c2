package workbench

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/gongwen/gongwen/generator/content"
	"github.com/gongwen/gongwen/generator/model"
)

// form is the document as the page edits it: every field's value as the author wrote
// it (count references such as {学习} left as they are), the outline of the text with
// the numbers it prints with, and the line of every field in the content file.
type form struct {
	Fields      map[string]any   `json:"fields"` // top-level values: strings, dates as 2024-01-10, lists of strings
	Sections    []*sectionView   `json:"sections"`
	Counts      []countView      `json:"counts"`
	Attachments []attachmentView `json:"attachments"`
	Tables      []tableView      `json:"tables"` // 附表: tables at the top level
	Attendance  map[string]any   `json:"attendance"`
	Lines       map[string]int   `json:"lines"`
}

type sectionView struct {
	Path     string         `json:"path"`
	Number   string         `json:"number"` // 一、 （一） as printed; "" when the text does not compile
	Heading  string         `json:"heading"`
	RunIn    bool           `json:"runIn"` // written as lead: runs into its first paragraph
	Text     string         `json:"text"`
	Sections []*sectionView `json:"sections"`
	Tables   int            `json:"tables"` // tables written in it (edited in the source view)
}

type countView struct {
	Name     string `json:"name"`
	Value    string `json:"value"`
	Unit     string `json:"unit"`
	Approx   bool   `json:"approx"` // more = true: printed as 100余次
	Label    string `json:"label"`
	Category string `json:"category"`
	Inline   bool   `json:"inline"` // written as { value = …, … } (editable field by field)
}

// tableView is a 附表 of counts with its options; a table of literal cells (rows) is
// edited in the source view.
type tableView struct {
	Path     string `json:"path"`
	Title    string `json:"title"`
	Unit     string `json:"unit"`
	Total    bool   `json:"total"`
	Counts   any    `json:"counts"`   // "all", or the names of the counts
	Category any    `json:"category"` // a category, or several
	Rows     bool   `json:"rows"`     // literal cells
}

type attachmentView struct {
	Path  string `json:"path"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// formOf reads the form of a content file. doc, when the file compiles, gives the
// section numbers.
func formOf(file string, src []byte, doc *model.Document) (*form, error) {
	var raw map[string]any
	s := strings.TrimPrefix(strings.ReplaceAll(string(src), "\r\n", "\n"), "\ufeff")
	if _, err := toml.Decode(s, &raw); err != nil {
		return nil, err
	}
	f := &form{Fields: map[string]any{}, Lines: content.Lines(file, src)}
	for k, v := range raw {
		switch k {
		case "section", "counts", "attachment", "attendance", "table":
		default:
			f.Fields[k] = plain(v)
		}
	}
	var docSections []*model.Section
	if doc != nil {
		docSections = doc.Sections
	}
	f.Sections = sections("section", raw["section"], docSections)
	if counts, ok := raw["counts"].(map[string]any); ok {
		names := make([]string, 0, len(counts))
		for n := range counts {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			return f.Lines["counts."+quoteKey(names[i])] < f.Lines["counts."+quoteKey(names[j])]
		})
		for _, n := range names {
			c := countView{Name: n}
			switch v := counts[n].(type) {
			case map[string]any:
				c.Inline = true
				c.Value = fmt.Sprint(plain(v["value"]))
				c.Unit, _ = v["unit"].(string)
				c.Approx, _ = v["more"].(bool)
				c.Label, _ = v["label"].(string)
				c.Category, _ = v["category"].(string)
			default:
				c.Value = fmt.Sprint(plain(v))
			}
			f.Counts = append(f.Counts, c)
		}
	}
	if as, ok := raw["attachment"].([]map[string]any); ok {
		for i, a := range as {
			v := attachmentView{Path: fmt.Sprintf("attachment[%d]", i)}
			v.Title, _ = a["title"].(string)
			v.Text, _ = a["text"].(string)
			f.Attachments = append(f.Attachments, v)
		}
	}
	if ts, ok := raw["table"].([]map[string]any); ok {
		for i, t := range ts {
			v := tableView{Path: fmt.Sprintf("table[%d]", i), Counts: plain(t["counts"]), Category: plain(t["category"])}
			v.Title, _ = t["title"].(string)
			v.Unit, _ = t["unit"].(string)
			v.Total, _ = t["total"].(bool)
			_, v.Rows = t["rows"]
			f.Tables = append(f.Tables, v)
		}
	}
	if at, ok := raw["attendance"].(map[string]any); ok {
		f.Attendance = map[string]any{}
		for k, v := range at {
			f.Attendance[k] = plain(v)
		}
	}
	return f, nil
}

// sections reads the [[section]] array at path, numbered by the document's sections
// when they are there (the same order).
func sections(path string, v any, doc []*model.Section) []*sectionView {
	arr, _ := v.([]map[string]any)
	var out []*sectionView
	for i, m := range arr {
		sv := &sectionView{Path: fmt.Sprintf("%s[%d]", path, i)}
		if h, ok := m["heading"].(string); ok {
			sv.Heading = h
		}
		if l, ok := m["lead"].(string); ok {
			sv.Heading, sv.RunIn = l, true
		}
		sv.Text, _ = m["text"].(string)
		if ts, ok := m["table"].([]map[string]any); ok {
			sv.Tables = len(ts)
		}
		var sub []*model.Section
		if i < len(doc) {
			sv.Number = doc[i].Number
			sub = doc[i].Sections
		}
		sv.Sections = sections(sv.Path+".section", m["section"], sub)
		out = append(out, sv)
	}
	return out
}

// plain turns decoded TOML values into what JSON shows: dates as 2024-01-10.
func plain(v any) any {
	switch x := v.(type) {
	case time.Time: // a TOML date is a time.Time in a local-date zone
		return x.Format("2006-01-02")
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

// quoteKey writes a key of a path as the locator does: quoted when it must be.
func quoteKey(k string) string {
	if k == "" || strings.ContainsAny(k, ".[]\"' \t=#") {
		return fmt.Sprintf("%q", k)
	}
	return k
}
