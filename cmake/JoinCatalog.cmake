# cmake -DOUT=FILE -DFILES="a.yaml;b.yaml" -P JoinCatalog.cmake
string(REPLACE "|" ";" FILES "${FILES}")
file(WRITE ${OUT} "")
foreach(f IN LISTS FILES)
  get_filename_component(name ${f} NAME)
  file(READ ${f} text)
  file(APPEND ${OUT} "#@catalog-file ${name}\n${text}\n")
endforeach()
