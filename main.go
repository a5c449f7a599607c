// Command certwiz finds out why the meeting app shows "untrusted server
// certificate" and walks the person in front of it to the fix.
package main

import (
	"context"
	"os"

	"github.com/certwiz/certwiz/cli"
)

func main() {
	os.Exit(cli.Main(context.Background(), os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
}
