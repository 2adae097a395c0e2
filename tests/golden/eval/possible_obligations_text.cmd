eval policies/ --scenario tests/golden/eval/h1_dpia_unanswered.json | sed -n 1,10p
