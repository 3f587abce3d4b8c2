package lint

import (
	"os"
	"testing"
)

// FuzzCheck: any file is checked without a panic, and every finding has a position.
func FuzzCheck(f *testing.F) {
	for _, name := range []string{"../../samples/work-summary-2023.toml", "../../samples/notice.toml", "testdata/planted.toml"} {
		if src, err := os.ReadFile(name); err == nil {
			f.Add(src)
		}
	}
	f.Add([]byte("title = \"测试\"\ntext = \"一、开展学习{学习}次,\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		found, _ := Check("f.toml", src)
		for _, fd := range found {
			if fd.Pos.Line < 1 || fd.Pos.Col < 1 {
				t.Fatalf("finding without a position: %+v", fd)
			}
		}
	})
}
