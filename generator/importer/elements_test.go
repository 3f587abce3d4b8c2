package importer

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/gongwen/gongwen/generator"
	"github.com/gongwen/gongwen/generator/model"
)

// elementFields is what the 版头, 附件, 附注 and 版记 of a document hold.
type elementFields struct {
	Layout      string
	Header      model.Header
	Note        string
	CC          []string
	Printer     string
	PrintDate   model.Date
	Attachments []string // titles; "+" after one printed with its text
	Attendance  model.Attendance
}

func fieldsOf(d *model.Document) elementFields {
	f := elementFields{Layout: d.Layout, Header: d.Header, Note: d.Note, CC: d.Imprint.CC, Printer: d.Imprint.Printer, PrintDate: d.Imprint.PrintDate, Attendance: d.Attendance}
	for _, a := range d.Attachments {
		t := a.Title
		if a.HasBody() {
			t += "+"
		}
		f.Attachments = append(f.Attachments, t)
	}
	return f
}

// TestElementsFromDOCX builds the samples with a 版头 and a 版记 to DOCX, imports the
// DOCX and checks that the imported file has the sample's elements and builds.
func TestElementsFromDOCX(t *testing.T) {
	b := generator.NewBuilder(nil, false)
	for _, name := range []string{"notice", "request", "minutes", "letter"} {
		t.Run(name, func(t *testing.T) {
			file := "../../samples/" + name + ".toml"
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			out, err := b.Render(file, src, []generator.Format{generator.DOCX})
			if err != nil {
				t.Fatal(err)
			}
			r, err := DOCX(out.Files[generator.DOCX], Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc := reparse(t, r)
			want := fieldsOf(out.Doc)
			if name == "letter" {
				// a 信函's 标志 and 份号 are drawn as outlines, not text; its 发文字号 still
				// makes it a 下行文
				want.Layout, want.Header.Issuers, want.Header.CopyNo = "notice", nil, ""
			}
			if got := fieldsOf(doc); !reflect.DeepEqual(got, want) {
				t.Errorf("imported elements:\n got %+v\nwant %+v\n%s", got, want, r.TOML())
			}
			doc.TitleLines = nil // the DOCX title breaks where the typesetter broke it
			if !reflect.DeepEqual(printed(doc), printed(out.Doc)) {
				t.Errorf("text:\n got %q\nwant %q", printed(doc), printed(out.Doc))
			}
			if _, err := b.Render("imported.toml", r.TOML(), []generator.Format{generator.PDF, generator.DOCX}); err != nil {
				t.Errorf("the imported file does not build: %v", err)
			}
		})
	}
}

// TestElementsFromText reads 版头 and 版记 lines in plain text.
func TestElementsFromText(t *testing.T) {
	tests := []struct {
		name string
		text string
		want elementFields
	}{
		{"上行文 with 签发人 on its own line", `000008
特急
XX旗统计局文件
X统字〔2024〕5号
签发人：王建国　李明
XX旗统计局关于申请经费的请示
旗人民政府：
现将有关事项请示如下。
附件：1.经费测算表
2.人员名单
XX旗统计局
2024年1月8日
（联系人：李明，电话：0477-8123456）
抄送：旗财政局、旗审计局。
XX旗统计局办公室 2024年1月9日印发`, elementFields{
			Layout:      "request",
			Header:      model.Header{CopyNo: "000008", Urgency: "特急", Issuers: []string{"XX旗统计局"}, Number: "X统字〔2024〕5号", Signers: []string{"王建国", "李明"}},
			Note:        "（联系人：李明，电话：0477-8123456）",
			CC:          []string{"旗财政局", "旗审计局"},
			Printer:     "XX旗统计局办公室",
			PrintDate:   model.Date{Year: 2024, Month: 1, Day: 9},
			Attachments: []string{"经费测算表", "人员名单"},
		}},
		{"下行文 with a printed 附件", `XX局文件
X发〔2024〕1号
XX局关于做好统计工作的通知
各单位：
现将有关事项通知如下。
附件：工作安排
XX局
2024年1月5日
附件
工作安排
一是做好准备。
二是按时上报。
抄送：旗委办公室，旗政府办公室。`, elementFields{
			Layout:      "notice",
			Header:      model.Header{Issuers: []string{"XX局"}, Number: "X发〔2024〕1号"},
			CC:          []string{"旗委办公室", "旗政府办公室"},
			Attachments: []string{"工作安排+"},
		}},
		{"no 版头: a report", "XX局2023年工作总结\n今年完成了工作。\nXX局\n2024年1月5日", elementFields{Layout: "report"}},
		{"a malformed 发文字号 is text", "X发（2024）1号\nXX局关于XX的通知\n正文。\nXX局\n2024年1月5日", elementFields{Layout: "report"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := Text([]byte(tt.text), Options{})
			if err != nil {
				t.Fatal(err)
			}
			doc := reparse(t, r)
			if got := fieldsOf(doc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v\n%s", got, tt.want, r.TOML())
			}
			if strings.Contains(tt.text, "附件") && strings.Contains(string(r.TOML()), "没有导入") {
				t.Errorf("paragraphs left out:\n%s", r.TOML())
			}
		})
	}
}
