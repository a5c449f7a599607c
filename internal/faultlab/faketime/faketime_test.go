package faketime

import (
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab"
)

func TestSpec(t *testing.T) {
	for in, want := range map[time.Duration]string{
		2 * time.Hour:           "+7200.000",
		-30 * time.Minute:       "-1800.000",
		0:                       "+0.000",
		1500 * time.Millisecond: "+1.500",
	} {
		if got := Spec(in); got != want {
			t.Errorf("Spec(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestEnvMovesTheChildsClock runs date(1) under Env two hours ahead, many
// times in parallel (the faketime wrapper failed such runs when a PID was
// reused), and reads the child's clock.
func TestEnvMovesTheChildsClock(t *testing.T) {
	lib, err := Library()
	if err != nil {
		faultlab.Missing(t, "faketime: "+err.Error())
		return
	}
	date := faultlab.Tool(t, "date", "coreutils")
	t.Setenv("FAKETIME", "+999d") // inherited settings must not leak through
	env := Env(lib, 2*time.Hour)
	if n := slices.IndexFunc(env, func(kv string) bool { return kv == "FAKETIME=+999d" }); n >= 0 {
		t.Fatal("Env kept the inherited FAKETIME")
	}
	for i := range 40 {
		t.Run(strconv.Itoa(i), func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(date, "+%s")
			cmd.Env = env
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("date under libfaketime: %v\n%s", err, out)
			}
			got, err := strconv.ParseInt(strings.TrimSpace(string(out)), 10, 64)
			if err != nil {
				t.Fatalf("date said %q", out)
			}
			if d := time.Duration(got-time.Now().Unix()) * time.Second; d < 2*time.Hour-time.Minute || d > 2*time.Hour+time.Minute {
				t.Errorf("the child's clock is %v ahead, want 2h", d)
			}
		})
	}
}
