-- nvim_lsp.lua - Neovim's own LSP client opens a letter through
-- appeal-lint --lsp; the diagnostics it receives are written to
-- $APPEAL_LINT_NVIM_OUT as "rule line col" lines, then Neovim quits.
local out = os.getenv("APPEAL_LINT_NVIM_OUT")
local bin = os.getenv("APPEAL_LINT_BIN")
local letter = os.getenv("APPEAL_LINT_LETTER")

vim.cmd("edit " .. letter)
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = "text"
local client = vim.lsp.start_client({
	name = "appeal-lint",
	cmd = { bin, "--lsp", "--no-config" },
	root_dir = vim.fn.getcwd(),
	init_options = { debounceMs = 0 },
})
vim.lsp.buf_attach_client(buf, client)

local ok = vim.wait(10000, function()
	return #vim.diagnostic.get(buf) > 0
end, 50)

local f = io.open(out, "w")
if not ok then
	f:write("timeout\n")
end
for _, d in ipairs(vim.diagnostic.get(buf)) do
	f:write(string.format("%s %d %d %d\n", d.code or d.user_data.lsp.code, d.lnum + 1, d.col + 1, d.severity))
end
f:close()
vim.lsp.stop_client(client)
vim.cmd("qa!")
