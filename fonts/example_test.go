package fonts_test

import (
	"fmt"
	"log"

	"github.com/gongwen/gongwen/fonts"
)

func ExampleResolver_Resolve() {
	r := fonts.NewResolver(nil, false) // no --font-dir, no system fonts
	c, err := r.Resolve(fonts.Request{
		Role:    "fangsong",
		Names:   []string{"仿宋_GB2312", "FangSong"},
		Bundled: "body-FandolFang-Regular.ttf",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Origin, c.Path)
	fmt.Println(c.Note)
	fmt.Printf("一 %.2f em, 1 %.2f em, has 珺: %v\n", c.Face.Advance('一'), c.Face.Advance('1'), c.Face.Has('珺'))
	// Output:
	// 内置字体 fonts/body-FandolFang-Regular.ttf
	// 未在本机找到「仿宋_GB2312」「FangSong」，使用内置字体 FandolFang
	// 一 1.00 em, 1 0.50 em, has 珺: false
}

func ExampleFace_Subset() {
	face, err := fonts.ParseBundled("title-NotoSerifSC-Bold.ttf")
	if err != nil {
		log.Fatal(err)
	}
	data, err := face.Subset([]rune("关于工作情况的报告"))
	if err != nil {
		log.Fatal(err)
	}
	sub, err := fonts.Parse(data, "subset")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sub.Family(), sub.Has('报'), sub.Has('国'))
	_, err = face.Subset([]rune("儽"))
	fmt.Println(err)
	// Output:
	// Noto Serif SC true false
	// 字体 内置 fonts/title-NotoSerifSC-Bold.ttf 中没有「儽」（U+513D）
}
