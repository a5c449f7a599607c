package captive

import (
	"net/url"
	"testing"
)

func TestLandingIn(t *testing.T) {
	base, _ := url.Parse("http://check.test/generate_204")
	tests := []struct {
		name, html, want string
	}{
		{"meta refresh", `<meta http-equiv="refresh" content="0; url=/login">`, "http://check.test/login"},
		{"meta refresh, content first, single quotes", `<META content='5;URL=https://portal.test/a?b=1' HTTP-EQUIV='Refresh'>`, "https://portal.test/a?b=1"},
		{"meta refresh with quoted url", `<meta http-equiv=refresh content="0;url='https://p.test/x'">`, "https://p.test/x"},
		{"window.location", `<script>window.location = "https://p.test/js";</script>`, "https://p.test/js"},
		{"location.replace", `<script>location.replace('/r')</script>`, "http://check.test/r"},
		{"javascript scheme ignored", `<script>window.location.href = "javascript:alert(1)"</script>`, ""},
		{"other meta ignored", `<meta name="viewport" content="width=device-width">`, ""},
		{"plain page", `<p>hello</p>`, ""},
	}
	for _, tt := range tests {
		if got := landingIn([]byte(tt.html), base); got != tt.want {
			t.Errorf("%s: landingIn = %q, want %q", tt.name, got, tt.want)
		}
	}
}
