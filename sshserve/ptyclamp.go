package sshserve

import (
	gossh "golang.org/x/crypto/ssh"
)

// Terminal sizes beyond these are clamped before they reach the PTY, the
// wizard or the plain mode: the renderer's memory grows with columns ×
// rows, and a client asking for 65535×65535 would otherwise cost
// gigabytes. 500×200 is more than any real screen shows.
const (
	MaxPtyCols   = 500
	MaxPtyRows   = 200
	maxPtyPixels = 16384
)

// Per-channel bounds on the client's "env" requests, which charm.land/ssh
// keeps for the session's lifetime.
const (
	maxEnvRequests = 64
	maxEnvBytes    = 1024
)

// ptyReqPayload is RFC 4254 6.2's pty-req after the request name.
type ptyReqPayload struct {
	Term                 string
	Cols, Rows, PxW, PxH uint32
	Modes                string
}

// windowChangePayload is RFC 4254 6.7's window-change after the name.
type windowChangePayload struct {
	Cols, Rows, PxW, PxH uint32
}

// envPayload is RFC 4254 6.4's env request after the name.
type envPayload struct {
	Name, Value string
}

// clampSize bounds columns, rows and pixels.
func clampSize(cols, rows, pxw, pxh uint32) (uint32, uint32, uint32, uint32) {
	return min(cols, MaxPtyCols), min(rows, MaxPtyRows), min(pxw, maxPtyPixels), min(pxh, maxPtyPixels)
}

// clampRequest rewrites a pty-req or window-change payload with the size
// clamped; clamped reports whether it changed. A payload that does not
// parse is left for charm.land/ssh to refuse.
func clampRequest(req *gossh.Request) (clamped bool) {
	switch req.Type {
	case "pty-req":
		var p ptyReqPayload
		if gossh.Unmarshal(req.Payload, &p) != nil {
			return false
		}
		c, r, pw, ph := clampSize(p.Cols, p.Rows, p.PxW, p.PxH)
		if c == p.Cols && r == p.Rows && pw == p.PxW && ph == p.PxH {
			return false
		}
		p.Cols, p.Rows, p.PxW, p.PxH = c, r, pw, ph
		req.Payload = gossh.Marshal(p)
		return true
	case "window-change":
		var p windowChangePayload
		if gossh.Unmarshal(req.Payload, &p) != nil {
			return false
		}
		c, r, pw, ph := clampSize(p.Cols, p.Rows, p.PxW, p.PxH)
		if c == p.Cols && r == p.Rows && pw == p.PxW && ph == p.PxH {
			return false
		}
		req.Payload = gossh.Marshal(windowChangePayload{c, r, pw, ph})
		return true
	}
	return false
}
