# bash completion for appeal-lint                          -*- shell-script -*-
#
# Install: copy to /usr/share/bash-completion/completions/appeal-lint
# (or ~/.local/share/bash-completion/completions/appeal-lint), or source it
# from ~/.bashrc.

# _appeal_lint_add -W CUR WORDS: adds the WORDS that start with CUR.
# _appeal_lint_add -f|-d CUR [letters]: adds the files (-f) or folders (-d)
# that start with CUR; with "letters", only folders and *.txt, *.md and *.docx files.
_appeal_lint_add()
{
    local name
    if [[ $1 == -W ]]; then
        while IFS= read -r name; do
            COMPREPLY+=("$name")
        done < <(compgen -W "$3" -- "$2")
        return
    fi
    while IFS= read -r name; do
        if [[ -z $3 || -d $name ]]; then
            COMPREPLY+=("$name")
        else
            case $name in
                *.txt | *.md | *.docx | *.DOCX) COMPREPLY+=("$name") ;;
            esac
        fi
    done < <(compgen "$1" -- "$2")
}

_appeal_lint()
{
    local cur prev cword words
    COMPREPLY=()
    words=("${COMP_WORDS[@]}")
    cword=$COMP_CWORD
    cur=${words[cword]}
    prev=
    ((cword > 0)) && prev=${words[cword - 1]}

    # --opt=value: bash splits it into "--opt" "=" "value".
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((cword > 1)); then
        prev=${words[cword - 2]}
    fi

    local opts="--format --list-formats --output --fail-on --min-score --rules
        --config --no-config --print-config --show-ignored --jobs --list-rules
        --explain --check-rules --fix --spelling --lang --structure --quiet --color
        --stdin-filename --max-size --profile --version --help --lsp --type
        --list-types --verbose --port --listen --token --open --timeout"

    case $prev in
        -f | --format)
            _appeal_lint_add -W "$cur" "text json sarif github checkstyle junit"
            return
            ;;
        --fail-on)
            _appeal_lint_add -W "$cur" "error warning info none"
            return
            ;;
        --color)
            _appeal_lint_add -W "$cur" "auto always never"
            return
            ;;
        --lang)
            _appeal_lint_add -W "$cur" "en zh-CN"
            return
            ;;
        --spelling)
            _appeal_lint_add -W "$cur" "en_US en_GB any"
            return
            ;;
        --explain)
            local prog=${words[0]} ids
            [[ $prog == */* && -x $prog ]] || prog=appeal-lint
            ids=$("$prog" --list-rules 2>/dev/null | awk '/^  /{print $1}')
            _appeal_lint_add -W "$cur" "score $ids"
            return
            ;;
        -r | --rules)
            compopt -o filenames 2>/dev/null
            _appeal_lint_add -d "$cur"
            return
            ;;
        -o | --output | -c | --config | --print-config)
            compopt -o filenames 2>/dev/null
            _appeal_lint_add -f "$cur"
            return
            ;;
        --listen)
            _appeal_lint_add -W "$cur" "127.0.0.1 ::1 0.0.0.0"
            return
            ;;
        -j | --jobs | --min-score | --max-size | --stdin-filename | --port | --token | --timeout | --type)
            # a value of the user's own
            return
            ;;
    esac

    # after "--" every word is a letter
    local i
    for ((i = 1; i < cword; i++)); do
        if [[ ${words[i]} == -- ]]; then
            compopt -o filenames 2>/dev/null
            _appeal_lint_add -f "$cur" letters
            return
        fi
    done

    if [[ $cur == -* ]]; then
        _appeal_lint_add -W "$cur" "$opts"
        [[ $cur == - ]] && COMPREPLY+=(-)
        return
    fi

    # the subcommands, where a letter could stand
    [[ -n $cur ]] && _appeal_lint_add -W "$cur" "serve lsp"
    compopt -o filenames 2>/dev/null
    _appeal_lint_add -f "$cur" letters
} &&
    complete -F _appeal_lint appeal-lint
