package cli

import "testing"

func TestParseTarget(t *testing.T) {
	good := map[string]target{
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
		got, err := parseTarget(in)
		if err != nil || got != want {
			t.Errorf("parseTarget(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "zoom.us:0", "zoom.us:70000", "zoom.us:https", "a..b", "ev\x1bil.com", "zoom.us:443:1", "[::1", "bad host"} {
		if _, err := parseTarget(in); err == nil {
			t.Errorf("parseTarget(%q) accepted", in)
		}
	}
}

func TestDefaultTargets(t *testing.T) {
	ts, err := parseTargets(nil)
	if err != nil || len(ts) < 2 || ts[0].Host != "zoom.us" {
		t.Fatalf("parseTargets(nil) = %v, %v", ts, err)
	}
}
