"""What only saves time: nothing here changes a byte of the output.

A build handed none of it (`--clean`, `check`) reads every file, plans and renders every
page and writes them all; the result is the same site. The core never imports this
package: the cli and serve build the object that carries it and pass it in.
"""
