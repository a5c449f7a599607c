package cli_test

import (
	"strings"
	"testing"
)

// The wizard takes targets as `check` does; a bare word is far more
// likely a mistyped command than a host, and a target that does not
// parse is refused with one clear line and exit 3 before anything runs.
func TestWizardTargetsAreParsedLikeCheck(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"chek"}, "unknown command or host"},
		{[]string{"zoom.us:99999"}, "target"},
		{[]string{"bad host.example"}, "target"},
	} {
		r := certwiz(ctxT(t), tc.args...)
		if r.status != 3 || !strings.Contains(r.err, tc.want) || strings.Count(strings.TrimSpace(r.err), "\n") > 2 {
			t.Errorf("%q: status %d stderr %q, want 3 and %q", tc.args, r.status, r.err, tc.want)
		}
	}
}
