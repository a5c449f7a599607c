package target

import "testing"

func TestParse(t *testing.T) {
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
		got, err := Parse(in)
		if err != nil || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", ":443", "zoom.us:0", "zoom.us:x", "zoom.us:70000", "zoom.us:https",
		"a..b", "ev\x1bil.com", "zoom.us:443:1", "[::1", "bad host", "bad host:99999"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
}

// Parse is the one parser for the domain typed in the wizard too: what a
// person pastes from an alert is read the same way everywhere.
func TestParseWhatPeoplePaste(t *testing.T) {
	for in, want := range map[string]string{
		"  Rooms.Example.COM. ":      "rooms.example.com",
		"https://user@host.example/": "host.example",
		"ftp://files.example:2121":   "files.example:2121",
		"xn--r8jz45g.example":        "xn--r8jz45g.example",
		"[::1]:8443":                 "[::1]:8443",
	} {
		got, err := Parse(in)
		if err != nil || got.String() != want {
			t.Errorf("Parse(%q) = %v (%v), want %s", in, got, err, want)
		}
	}
	for _, in := range []string{"*.zoom.us", "-lead.example", "trail-.example", "host.example:044"} {
		if _, err := Parse(in); err == nil {
			t.Errorf("Parse(%q) accepted", in)
		}
	}
}
