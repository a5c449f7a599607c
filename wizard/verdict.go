package wizard

import (
	"fmt"

	"github.com/certwiz/certwiz/findings"
)

// Verdict says in one line, in English for logs, what the session
// concluded so far: the cause and the code, or that no decision was
// reached. The SSH server logs it when a session ends.
func (m *Model) Verdict() string {
	s := m.State()
	if len(s.Targets) == 0 && !s.Clock.Known && s.Net.CaptivePortal == nil && s.ShownCode == findings.CodeNone {
		return "no decision (nothing checked)"
	}
	d := s.Decision()
	if d.Code == findings.CodeNone {
		return fmt.Sprintf("cause=%s", d.Cause)
	}
	return fmt.Sprintf("cause=%s code=%d", d.Cause, int(d.Code))
}
