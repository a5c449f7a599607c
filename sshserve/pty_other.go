//go:build !(darwin || dragonfly || freebsd || linux || netbsd || openbsd || solaris)

package sshserve

import (
	"os"

	"charm.land/ssh"
)

// ptyOption emulates terminals where charm.land/ssh has no kernel PTYs.
func ptyOption() ssh.Option { return ssh.EmulatePty() }

func ptyFiles(ssh.Pty) (in, out *os.File, ok bool) { return nil, nil, false }
func ptySize(ssh.Pty) (w, h int, ok bool)          { return 0, 0, false }
func resizePty(ssh.Pty, int, int)                  {}
func drainPty(ssh.Pty)                             {}
func closePty(ssh.Pty)                             {}
