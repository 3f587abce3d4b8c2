package importer

import (
	"os"
	"testing"

	"github.com/gongwen/gongwen/generator/content"
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
			r, err := Text(src, Options{Counts: counts, Date: fixedDate})
			if err != nil {
				return // not UTF-8
			}
			if _, err := content.Parse("fuzz.toml", r.TOML()); err != nil {
				t.Fatalf("import of %q does not parse: %v\n%s", src, err, r.TOML())
			}
		}
	})
}
