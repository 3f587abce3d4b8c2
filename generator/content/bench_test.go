package content

import (
	"os"
	"testing"
)

func BenchmarkParseSample(b *testing.B) {
	src, err := os.ReadFile(samplePath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("work-summary-2023.toml", src); err != nil {
			b.Fatal(err)
		}
	}
}
