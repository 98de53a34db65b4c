complete --keep-order --exclusive --command shoal --arguments "(COMPLETE=fish shoal -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
