package lint

import (
	"strings"
	"unicode/utf8"

	"github.com/gongwen/gongwen/generator/model"
)

// literalCounts reports a number written in the text that equals the printed form
// of a defined count (9次, 100余次): if it is the same thing, the text should
// reference the count, so that the number is written once.
func literalCounts(s string, counts []*model.Count, at report) {
	names := map[string][]string{} // printed form → count names, in file order
	var forms []string
	for _, c := range counts {
		if c.Unit == "" {
			continue // a bare number matches too much
		}
		f := c.Format()
		if names[f] == nil {
			forms = append(forms, f)
		}
		names[f] = append(names[f], c.Name)
	}
	type hit struct {
		i    int
		form string
	}
	var hits []hit
	for _, f := range forms {
		for i := 0; ; {
			j := strings.Index(s[i:], f)
			if j < 0 {
				break
			}
			i += j
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			// 19次 is not 9次; 第9次 is an ordinal, not a count.
			if i == 0 || !(before >= '0' && before <= '9' || before == '.' || before == '第') {
				hits = append(hits, hit{i, f})
			}
			i += len(f)
		}
	}
	for _, h := range hits {
		ns := names[h.form]
		refs := make([]string, len(ns))
		for k, n := range ns {
			refs[k] = "{" + n + "}"
		}
		msg := "「" + h.form + "」与计数「" + ns[0] + "」的值相同"
		hint := "若说的是同一件事，请改写成 " + refs[0] + "，数字只写一次"
		if len(ns) > 1 {
			msg = "「" + h.form + "」与计数「" + strings.Join(ns, "」「") + "」的值相同"
			hint = "若说的是其中一件事，请改写成对应的引用：" + strings.Join(refs, "、")
		}
		at(h.i, Warning, RuleLiteral, msg, hint)
	}
}
