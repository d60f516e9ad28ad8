"""Decision aids for officers: from a described behaviour to candidate matters (suggest), and from
the facts of one violation to the benchmark row and fine range, with reasons (discretion)."""
