package sshserve

import (
	"fmt"

	"charm.land/ssh"
	gossh "golang.org/x/crypto/ssh"
)

// Session requests that are answered "no" before they reach a session.
const (
	agentRequest = "auth-agent-req@openssh.com"
	x11Request   = "x11-req"
)

// channelHandlers serves "session" channels (with agent and X11
// forwarding requests refused) and refuses port and socket forwarding
// with a reason the client prints.
func (s *Server) channelHandlers() map[string]ssh.ChannelHandler {
	refuse := func(_ *ssh.Server, _ *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
		s.log.Warn("forwarding refused", "remote", ctx.RemoteAddr().String(), "channel", ch.ChannelType())
		_ = ch.Reject(gossh.Prohibited, "certwiz serve does not forward ports or sockets")
	}
	return map[string]ssh.ChannelHandler{
		"session": func(srv *ssh.Server, conn *gossh.ServerConn, ch gossh.NewChannel, ctx ssh.Context) {
			ssh.DefaultSessionHandler(srv, conn, &filteredChannel{NewChannel: ch, s: s, ctx: ctx}, ctx)
		},
		"direct-tcpip":                   refuse,
		"direct-streamlocal@openssh.com": refuse,
	}
}

// requestHandlers refuses remote forwarding (ssh -R) and logs it.
func (s *Server) requestHandlers() map[string]ssh.RequestHandler {
	refuse := func(ctx ssh.Context, _ *ssh.Server, req *gossh.Request) (bool, []byte) {
		s.log.Warn("forwarding refused", "remote", ctx.RemoteAddr().String(), "request", req.Type)
		return false, nil
	}
	return map[string]ssh.RequestHandler{
		"tcpip-forward":                          refuse,
		"streamlocal-forward@openssh.com":        refuse,
		"cancel-tcpip-forward":                   refuse,
		"cancel-streamlocal-forward@openssh.com": refuse,
	}
}

// refuseSubsystem answers every subsystem (sftp and the like).
func (s *Server) refuseSubsystem(sess ssh.Session) {
	s.log.Warn("subsystem refused", "remote", sess.RemoteAddr().String(), "subsystem", logValue(sess.Subsystem()))
	_, _ = fmt.Fprintf(sess.Stderr(), "certwiz serve offers no subsystems (%s was requested); use `ssh -t HOST` for the wizard or `ssh HOST check --json`.\n", quoteForUser(sess.Subsystem()))
	_ = sess.Exit(ExitRefused)
}

// filteredChannel answers agent and X11 forwarding requests with "no"
// itself, so certwiz serve never touches the client's agent; clamps the
// terminal sizes in pty-req and window-change; and bounds env requests.
type filteredChannel struct {
	gossh.NewChannel
	s   *Server
	ctx ssh.Context
}

// Accept accepts the channel and filters its request stream.
func (c *filteredChannel) Accept() (gossh.Channel, <-chan *gossh.Request, error) {
	ch, reqs, err := c.NewChannel.Accept()
	if err != nil {
		return nil, nil, fmt.Errorf("accept session channel: %w", err)
	}
	out := make(chan *gossh.Request)
	go func() {
		defer close(out)
		envs := 0
		for req := range reqs {
			if clampRequest(req) {
				c.s.log.Debug("terminal size clamped", "remote", c.ctx.RemoteAddr().String(), "request", req.Type)
			}
			if req.Type == "env" {
				var kv envPayload
				envs++
				if envs > maxEnvRequests || gossh.Unmarshal(req.Payload, &kv) != nil || len(kv.Name)+len(kv.Value) > maxEnvBytes {
					if req.WantReply {
						_ = req.Reply(false, nil)
					}
					continue
				}
			}
			if req.Type == agentRequest || req.Type == x11Request {
				if st := connStateOf(c.ctx); st != nil {
					st.refusedRequests.Add(1)
				}
				c.s.log.Warn("forwarding refused", "remote", c.ctx.RemoteAddr().String(), "request", req.Type)
				if req.WantReply {
					_ = req.Reply(false, nil)
				}
				continue
			}
			out <- req
		}
	}()
	return ch, out, nil
}
