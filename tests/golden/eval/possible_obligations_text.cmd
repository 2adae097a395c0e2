eval policies/ --scenario tests/golden/eval/h1_dpia_unanswered.json | head -10
