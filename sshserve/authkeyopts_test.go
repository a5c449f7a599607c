package sshserve

import (
	"strings"
	"testing"
	"time"
)

// from= follows sshd: wildcards, CIDR blocks and negation; a negated match
// refuses even when a plain entry matches.
func TestFromPatterns(t *testing.T) {
	t.Parallel()
	cases := []struct {
		list, ip string
		want     bool
	}{
		{"127.0.0.1", "127.0.0.1", true},
		{"127.0.0.1", "127.0.0.2", false},
		{"127.0.0.*", "127.0.0.2", true},
		{"127.0.0.?", "127.0.0.22", false},
		{"127.0.0.?", "127.0.0.9", true},
		{"10.0.0.0/8,192.0.2.0/24", "192.0.2.77", true},
		{"10.0.0.0/8", "11.0.0.1", false},
		{"127.0.0.0/8,!127.0.0.2", "127.0.0.2", false},
		{"127.0.0.0/8,!127.0.0.2", "127.0.0.3", true},
		{"!127.0.0.2", "127.0.0.3", false}, // only negations: nothing positive
		{"*,!192.0.2.0/24", "192.0.2.5", false},
		{"*,!192.0.2.0/24", "198.51.100.5", true},
		{"::1", "::1", true},
		{"2001:db8::/32", "2001:db8::5", true},
		{"helpdesk.example.com", "192.0.2.1", false}, // names: no DNS, no match
		{"127.0.0.1", "::ffff:127.0.0.1", true},
	}
	for _, tc := range cases {
		pats, err := parseHostPatterns(tc.list)
		if err != nil {
			t.Fatalf("%q: %v", tc.list, err)
		}
		if got := matchHostPatterns(pats, tc.ip); got != tc.want {
			t.Errorf("from=%q, client %s: %v, want %v", tc.list, tc.ip, got, tc.want)
		}
	}
	for _, bad := range []string{"10.0.0.1/33", "10.0.0.1/8", "a,,b", "!"} {
		if _, err := parseHostPatterns(bad); err == nil {
			t.Errorf("from=%q accepted", bad)
		}
	}
}

// expiry-time= in its three lengths, local or UTC.
func TestExpiryTime(t *testing.T) {
	t.Parallel()
	tokyo := time.FixedZone("JST", 9*3600)
	cases := []struct {
		v    string
		want time.Time
	}{
		{"20300101", time.Date(2030, 1, 1, 0, 0, 0, 0, tokyo)},
		{"203001011230", time.Date(2030, 1, 1, 12, 30, 0, 0, tokyo)},
		{"20300101123045", time.Date(2030, 1, 1, 12, 30, 45, 0, tokyo)},
		{"20300101Z", time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"20300101123045Z", time.Date(2030, 1, 1, 12, 30, 45, 0, time.UTC)},
	}
	for _, tc := range cases {
		got, err := parseExpiry(tc.v, tokyo)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("%s: %v %v, want %v", tc.v, got, err, tc.want)
		}
	}
	for _, bad := range []string{"2030", "203001011", "20301301", "2030010112304", "tomorrow", ""} {
		if _, err := parseExpiry(bad, tokyo); err == nil {
			t.Errorf("expiry-time=%q accepted", bad)
		}
	}
}

// Options on whole authorized_keys lines: what is admitted, when and from
// where; keys with options certwiz does not implement are skipped with a
// warning naming the file and line.
func TestAuthorizedKeysOptions(t *testing.T) {
	t.Parallel()
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPh5yXnHqXb6L7G0C0V3b6M8B1QzIuT3M5c8xVXyq9h8 agent@helpdesk"
	now := time.Date(2029, 6, 1, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		opts    string
		ip      string
		admit   bool
		skipped bool
		warn    string
	}{
		{"", "192.0.2.1", true, false, ""},
		{"restrict", "192.0.2.1", true, false, ""},
		{"restrict,no-port-forwarding,no-agent-forwarding,no-X11-forwarding,no-user-rc", "192.0.2.1", true, false, ""},
		{`from="127.0.0.1"`, "127.0.0.1", true, false, ""},
		{`from="127.0.0.1"`, "127.0.0.2", false, false, ""},
		{`FROM="10.0.0.0/8,!10.1.0.0/16"`, "10.1.2.3", false, false, ""},
		{`restrict,from="10.0.0.0/8,!10.1.0.0/16"`, "10.2.2.3", true, false, ""},
		{`expiry-time="20300101Z"`, "192.0.2.1", true, false, ""},
		{`expiry-time="20290601115959Z"`, "192.0.2.1", false, false, ""},
		{`from="10.0.0.0/33"`, "10.0.0.1", false, true, "ak:3:"},
		{`expiry-time="soon"`, "192.0.2.1", false, true, "expiry-time"},
		{`command="/bin/sh"`, "192.0.2.1", false, true, `option "command"`},
		{`no-pty`, "192.0.2.1", false, true, `option "no-pty"`},
		{`permitopen="localhost:22"`, "192.0.2.1", false, true, `option "permitopen"`},
		{`environment="A=B"`, "192.0.2.1", false, true, `option "environment"`},
		{`cert-authority`, "192.0.2.1", false, true, `option "cert-authority"`},
		{`restrict,pty`, "192.0.2.1", false, true, `option "pty"`},
		{`restrict=yes`, "192.0.2.1", false, true, `option "restrict"`},
	}
	for _, tc := range cases {
		line := key
		if tc.opts != "" {
			line = tc.opts + " " + key
		}
		list, err := parseAuthorizedKeys(strings.NewReader("# helpdesk\n\n"+line+"\n"), "ak")
		if err != nil {
			t.Fatal(err)
		}
		if tc.skipped {
			if len(list.keys) != 0 || list.skipped != 1 || len(list.warnings) != 1 ||
				!strings.Contains(list.warnings[0], tc.warn) || !strings.HasPrefix(list.warnings[0], "ak:3: ") {
				t.Errorf("%s: keys %d skipped %d warnings %q; want the key skipped with a warning naming ak:3 and %q",
					tc.opts, len(list.keys), list.skipped, list.warnings, tc.warn)
			}
			continue
		}
		if len(list.keys) != 1 {
			t.Fatalf("%s: %d keys, warnings %q", tc.opts, len(list.keys), list.warnings)
		}
		_, ok, why := list.match(list.keys[0].key, tc.ip, now)
		if ok != tc.admit || (!ok && why == "") {
			t.Errorf("%s from %s: admitted %v (%s), want %v", tc.opts, tc.ip, ok, why, tc.admit)
		}
	}
}
