# 年报助手: register the app for the current Windows user, without administrator rights.
#   - double-clicking a *.gknb draft opens it in 年报助手 (HKCU\Software\Classes)
#   - a Start-menu shortcut and a desktop shortcut
# Run it through install.cmd / uninstall.cmd (they bypass the script execution policy for this
# one script only).  This file is UTF-8 with a BOM: Windows PowerShell 5.1 reads a file without
# a BOM in the ANSI code page and would garble the Chinese names.  Variables next to Chinese
# text are written ${name}: PowerShell counts Chinese characters as part of a variable name.
# Curly double quotes are string delimiters to PowerShell too, so messages use 「」.
param([switch]$Uninstall)

$ErrorActionPreference = 'Stop'
$here = Split-Path -Parent $MyInvocation.MyCommand.Path
$exe = Join-Path $here 'nianbao.exe'
$appName = '年报助手'
$progId = 'NianBao.Draft'
$ext = '.gknb'
$mime = 'application/x-nianbao-draft'
$classes = 'HKCU:\Software\Classes'
$shortcuts = @(
    (Join-Path ([Environment]::GetFolderPath('Programs')) "${appName}.lnk"),
    (Join-Path ([Environment]::GetFolderPath('Desktop')) "${appName}.lnk")
)

function Set-Key([string]$path, [string]$default) {
    # Create the key only when missing: New-Item -Force on an existing registry key would
    # replace it and drop its other values.  Set-Item writes the key's (默认) value.
    if (-not (Test-Path -LiteralPath $path)) { New-Item -Path $path -Force | Out-Null }
    Set-Item -LiteralPath $path -Value $default
}

function Send-AssociationChanged {
    # Tell Explorer to reload file associations and icons now rather than after a sign-out.
    Add-Type -Namespace NianBao -Name Shell -MemberDefinition @'
[System.Runtime.InteropServices.DllImport("shell32.dll")]
public static extern void SHChangeNotify(int eventId, uint flags, System.IntPtr item1, System.IntPtr item2);
'@
    [NianBao.Shell]::SHChangeNotify(0x08000000, 0, [IntPtr]::Zero, [IntPtr]::Zero)  # SHCNE_ASSOCCHANGED
}

if ($Uninstall) {
    $current = (Get-ItemProperty -Path "$classes\$ext" -Name '(default)' -ErrorAction SilentlyContinue).'(default)'
    if ($current -eq $progId) { Remove-Item -Path "$classes\$ext" -Recurse -Force }
    foreach ($key in @("$classes\$progId", "$classes\Applications\nianbao.exe")) {
        if (Test-Path $key) { Remove-Item -Path $key -Recurse -Force }
    }
    foreach ($lnk in $shortcuts) { if (Test-Path $lnk) { Remove-Item $lnk -Force } }
    Send-AssociationChanged
    Write-Host "已移除：${appName} 的快捷方式和 .gknb 草稿文件关联（程序文件夹请自行删除）。"
    exit 0
}

if (-not (Test-Path $exe)) {
    Write-Host "找不到 ${exe}。请把本脚本留在年报助手程序文件夹中运行。"
    exit 1
}

$open = "`"$exe`" `"%1`""
Set-Key "$classes\$ext" $progId
Set-ItemProperty -Path "$classes\$ext" -Name 'Content Type' -Value $mime
Set-Key "$classes\$ext\OpenWithProgids" ''
Set-ItemProperty -Path "$classes\$ext\OpenWithProgids" -Name $progId -Value ''
Set-Key "$classes\$progId" "${appName}草稿"
Set-Key "$classes\$progId\DefaultIcon" "`"$exe`",0"
Set-Key "$classes\$progId\shell" 'open'
Set-Key "$classes\$progId\shell\open" "用${appName}打开"
Set-Key "$classes\$progId\shell\open\command" $open
# "打开方式" list entry with a readable name.
Set-Key "$classes\Applications\nianbao.exe" ''
Set-ItemProperty -Path "$classes\Applications\nianbao.exe" -Name 'FriendlyAppName' -Value $appName
Set-Key "$classes\Applications\nianbao.exe\SupportedTypes" ''
Set-ItemProperty -Path "$classes\Applications\nianbao.exe\SupportedTypes" -Name $ext -Value ''
Set-Key "$classes\Applications\nianbao.exe\shell\open\command" $open

$shell = New-Object -ComObject WScript.Shell
foreach ($lnk in $shortcuts) {
    $folder = Split-Path -Parent $lnk
    if (-not (Test-Path $folder)) { New-Item -ItemType Directory -Path $folder -Force | Out-Null }
    $s = $shell.CreateShortcut($lnk)
    $s.TargetPath = $exe
    $s.WorkingDirectory = $here
    $s.IconLocation = "$exe,0"
    $s.Description = '政府信息公开工作年度报告的填写、校验、排版与导出'
    $s.Save()
}
Send-AssociationChanged
Write-Host "已完成：开始菜单和桌面上有了「${appName}」，双击 .gknb 草稿即可打开。"
Write-Host "程序位置：${exe}（移动此文件夹后请重新运行 install.cmd）。"
