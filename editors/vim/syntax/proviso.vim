" Vim syntax file for Proviso (.proviso) policy files.
" Install: copy editors/vim/syntax and editors/vim/ftdetect into ~/.vim/ (see editors/README.md).
if exists("b:current_syntax")
  finish
endif

syn keyword provisoDeclaration import sectors type framework question obligation fact condition constraint policy rule scenario amend
syn keyword provisoClause when unless require because cite overrides defers expect missing effective until sector default combine group
syn keyword provisoEffect share refer deny undetermined
syn keyword provisoOperator and or not in
syn keyword provisoBoolean true false
syn keyword provisoCombine strictest first
syn keyword provisoType bool int enum set of
syn keyword provisoFlow from to on
syn match provisoComment "#.*$" contains=@Spell
syn region provisoString start=+"+ skip=+\\\\\|\\"+ end=+"+ end=+$+ contains=provisoEscape
syn match provisoEscape +\\[\"\\nt]+ contained
syn match provisoDate "\<\d\{4}-\d\{2}-\d\{2}\>"
syn match provisoNumber "\(\w\)\@<!-\?\d\(_\?\d\)*\>"
syn match provisoCompare "==\|!=\|<=\|>=\|<\|>"

hi def link provisoDeclaration Keyword
hi def link provisoClause Statement
hi def link provisoEffect Constant
hi def link provisoOperator Operator
hi def link provisoBoolean Boolean
hi def link provisoCombine Constant
hi def link provisoType Type
hi def link provisoFlow Identifier
hi def link provisoComment Comment
hi def link provisoString String
hi def link provisoEscape SpecialChar
hi def link provisoDate Number
hi def link provisoNumber Number
hi def link provisoCompare Operator

let b:current_syntax = "proviso"
