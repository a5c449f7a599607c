// Package wizard owns certwiz's interactive front ends: the Bubble Tea
// troubleshooter (Model, Run) and the plain line-by-line mode a screen
// reader can follow (RunPlain). Both walk the same decision tree from
// package steps and show the same text from package content.
//
// The wizard is UI only. Probes run through an Engine the caller supplies,
// always inside tea.Cmds (or, in plain mode, between prompts), never while
// a frame is drawn; every string that came from the network is passed
// through sanitize.Text before it is shown.
package wizard
