package fonts

import (
	"bytes"
	"compress/gzip"
	"io"
	"testing"
)

func BenchmarkParseBundled(b *testing.B) {
	for _, name := range BundledNames() {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := ParseBundled(name); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkSubset cuts the body font down to 600 characters, about what an 8-page report uses.
func BenchmarkSubset(b *testing.B) {
	f := mustBundled(b, "body-FandolFang-Regular.ttf")
	runes := sampleRunes(f)[:600]
	var size int
	for b.Loop() {
		sub, err := f.Subset(runes)
		if err != nil {
			b.Fatal(err)
		}
		size = len(sub)
	}
	b.ReportMetric(float64(size), "bytes/subset")
}

// BenchmarkAdvance measures one width lookup (binary search in the raw cmap, then hmtx).
func BenchmarkAdvance(b *testing.B) {
	f := mustBundled(b, "body-FandolFang-Regular.ttf")
	text := []rune(sampleText)
	var sum float64
	for b.Loop() {
		for _, r := range text {
			sum += f.Advance(r)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(text)), "ns/rune")
}

// BenchmarkBundledLoad compares ways of getting all the bundled fonts ready to parse:
// as stored (no copy), copied out of the binary, and inflated from gzip -9. It is the
// measurement behind storing the fonts uncompressed (docs/fonts.md).
func BenchmarkBundledLoad(b *testing.B) {
	b.Run("raw", func(b *testing.B) {
		for b.Loop() {
			for _, name := range BundledNames() {
				if _, err := ParseBundled(name); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("copy", func(b *testing.B) {
		for b.Loop() {
			for _, name := range BundledNames() {
				data, _ := Bundled(name)
				if _, err := Parse(data, name); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("gunzip", func(b *testing.B) {
		var packed [][]byte
		total := 0
		for _, name := range BundledNames() {
			data, _ := Bundled(name)
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
			zw.Write(data)
			zw.Close()
			packed = append(packed, buf.Bytes())
			total += buf.Len()
		}
		b.ReportMetric(float64(total), "gzip-bytes")
		b.ResetTimer()
		for b.Loop() {
			for i, p := range packed {
				zr, err := gzip.NewReader(bytes.NewReader(p))
				if err != nil {
					b.Fatal(err)
				}
				data, err := io.ReadAll(zr)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Parse(data, BundledNames()[i]); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
