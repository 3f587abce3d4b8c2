package layout

import "testing"

// TestSuffix: "文件" follows the organ names, but not a 标志 that already says
// the kind of document.
func TestSuffix(t *testing.T) {
	h := Header{MarkSuffix: "文件"}
	for _, c := range []struct {
		issuers []string
		want    string
	}{
		{[]string{"兴安市统计局"}, "文件"},
		{[]string{"兴安市统计局文件"}, ""},
		{[]string{"XXXX人民政府公告"}, ""},
		{[]string{"XXXX人民政府令"}, ""},
		{[]string{"兴安市统计局", "兴安市财政局"}, "文件"},
		{[]string{"兴安市统计局", "兴安市财政局文件"}, "文件"}, // check warns about this one
	} {
		if got := h.Suffix(c.issuers); got != c.want {
			t.Errorf("Suffix(%q) = %q, want %q", c.issuers, got, c.want)
		}
	}
	if got := (Header{}).Suffix([]string{"兴安市统计局"}); got != "" {
		t.Errorf("a preset without a suffix gives %q", got)
	}
}
