au BufRead,BufNewFile *.proviso setfiletype proviso
