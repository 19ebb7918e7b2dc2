-- Every dataset version has a snapshot now (V20 gave one to the versions released before V9), and
-- nothing reads or writes these tables any more.
drop table dataset_example;
drop table example_split;
