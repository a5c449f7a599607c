package content_test

import (
	"fmt"

	"github.com/certwiz/certwiz/content"
)

func ExampleMsg() {
	// Arguments fill {name} placeholders; one without an argument stays
	// visible.
	fmt.Println(content.Msg(content.EN, "check.verdict.critical",
		map[string]string{"cause": content.Msg(content.EN, "cause.clock", nil), "code": "5"}))
	fmt.Println(content.Msg(content.JA, "ui.saved", map[string]string{"path": "/tmp/certwiz.md"}))
	fmt.Println(content.Msg(content.EN, "ui.saved", nil))
	fmt.Println(content.Msg(content.EN, "no.such.key", nil))
	// Output:
	// Most likely cause: The device's time is wrong (code 5)
	// レポートを/tmp/certwiz.mdに保存しました
	// Report saved to {path}
	// no.such.key
}

func ExampleDetectLang() {
	env := map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "ja_JP.UTF-8"}
	fmt.Println(content.DetectLang(func(k string) string { return env[k] }))
	// Output: ja
}

func ExampleMissingFindings() {
	fmt.Println(content.MissingFindings([]string{"cert.expired", "cert.brand-new"}))
	// Output: map[en:[finding.cert.brand-new] ja:[finding.cert.brand-new]]
}
