package generator

import "testing"

// TestPresetError checks that a preset the content file names but that does not
// exist is reported at the layout line, with the closest built-in name.
func TestPresetError(t *testing.T) {
	const rest = "title = \"测试\"\nauthor = \"XX局\"\ndate = 2024-01-10\ntext = \"正文。\"\n"
	tests := []struct {
		name, src, want string
	}{
		{"misspelt built-in", "layout = \"notise\"   # 通知\n" + rest,
			`a.toml:1:10: 没有名为「notise」的版式（版式 layout）
   1 | layout = "notise"   # 通知
     |          ^
提示：您是不是想写 notice？
      内置版式：report（报告、总结）、notice（通知等下行文）、request（请示等上行文）、letter（函）、minutes（纪要）`},
		{"nothing close", rest + "layout = \"公文\"\n",
			`a.toml:5:10: 没有名为「公文」的版式（版式 layout）
   5 | layout = "公文"
     |          ^
提示：内置版式：report（报告、总结）、notice（通知等下行文）、request（请示等上行文）、letter（函）、minutes（纪要）`},
		{"missing preset file", "layout='本单位.toml'\n" + rest,
			`a.toml:1:8: 找不到版式文件「本单位.toml」（版式 layout）
   1 | layout='本单位.toml'
     |        ^
提示：版式文件的位置从内容文件所在的文件夹算起；请检查文件名，或改用内置版式：report（报告、总结）、notice（通知等下行文）、request（请示等上行文）、letter（函）、minutes（纪要）`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := NewBuilder(nil, false).Render("a.toml", []byte(tt.src), []Format{PDF})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got\n%v\nwant\n%s", err, tt.want)
			}
		})
	}
}
