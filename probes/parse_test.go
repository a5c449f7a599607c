package probes

import "testing"

func TestParseTarget(t *testing.T) {
	good := map[string]Target{
		"zoom.us":                     {"zoom.us", 443},
		"Zoom.US.":                    {"zoom.us", 443},
		"zoom.us:8801":                {"zoom.us", 8801},
		"https://zoom.us/j/123?pwd=x": {"zoom.us", 443},
		"127.0.0.1:8443":              {"127.0.0.1", 8443},
		"[::1]:8443":                  {"::1", 8443},
		"[::1]":                       {"::1", 443},
		"::1":                         {"::1", 443},
	}
	for in, want := range good {
		got, err := ParseTarget(in)
		if err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", ":443", "zoom.us:0", "zoom.us:x", "zoom.us:70000", "zoom.us:https",
		"a..b", "ev\x1bil.com", "zoom.us:443:1", "[::1", "bad host", "bad host:99999"} {
		if _, err := ParseTarget(in); err == nil {
			t.Errorf("ParseTarget(%q) accepted", in)
		}
	}
}
