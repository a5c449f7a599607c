package cli

import "testing"

func TestDefaultTargets(t *testing.T) {
	ts, err := parseTargets(nil)
	if err != nil || len(ts) < 2 || ts[0].Host != "zoom.us" {
		t.Fatalf("parseTargets(nil) = %v, %v", ts, err)
	}
}
